// purpose: bulk-insert department tasks (rebuild)
// mode: write
// params: frame
COPY Task FROM $frame
