// purpose: bulk-link restrictions to persons (rebuild)
// mode: write
// params: frame
// touches: RESTRICTS
COPY RESTRICTS FROM $frame (from='Restriction', to='Person')
