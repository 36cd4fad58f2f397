// purpose: bulk-link restrictions to enterprises (rebuild)
// mode: write
// params: frame
// touches: RESTRICTS
COPY RESTRICTS FROM $frame (from='Restriction', to='Enterprise')
