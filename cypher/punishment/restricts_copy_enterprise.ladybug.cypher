// purpose: bulk-link restrictions to enterprises (rebuild)
// mode: write
// params: frame
COPY RESTRICTS FROM $frame (from='Restriction', to='Enterprise')
