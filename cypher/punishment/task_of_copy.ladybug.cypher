// purpose: bulk-link tasks to their records (rebuild)
// mode: write
// params: frame
// touches: TASK_OF
COPY TASK_OF FROM $frame (from='Task', to='CreditRecord')
