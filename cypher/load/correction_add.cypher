// purpose: keep a bundle row a later load superseded or withdrew, with who ended it, when and why
// mode: write
// params: correction_id, action, edge, eid, src, dst, was, by, authority, on_date, reason, recorded_at
// touches: Correction
CREATE (:Correction {correction_id: $correction_id, action: $action, edge: $edge, eid: $eid, src: $src, dst: $dst, was: $was, by: $by, authority: $authority, on_date: $on_date, reason: $reason, recorded_at: $recorded_at})
