// purpose: bulk-insert restriction nodes (rebuild)
// mode: write
// params: frame
// touches: Restriction
COPY Restriction FROM $frame
