// purpose: bulk-link restrictions to persons (rebuild)
// mode: write
// params: frame
COPY RESTRICTS FROM $frame (from='Restriction', to='Person')
