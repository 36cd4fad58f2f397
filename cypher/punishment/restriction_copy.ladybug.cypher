// purpose: bulk-insert restriction nodes (rebuild)
// mode: write
// params: frame
COPY Restriction FROM $frame
