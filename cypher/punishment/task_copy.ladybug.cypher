// purpose: bulk-insert department tasks (rebuild)
// mode: write
// params: frame
// touches: Task
COPY Task FROM $frame
