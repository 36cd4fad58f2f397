// purpose: bulk-link restrictions to their records (rebuild)
// mode: write
// params: frame
// touches: ARISES_FROM
COPY ARISES_FROM FROM $frame (from='Restriction', to='CreditRecord')
