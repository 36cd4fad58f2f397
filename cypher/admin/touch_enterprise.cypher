// purpose: create an enterprise with a name only (administrative fixes and tests)
// mode: write
// params: uscc, name
// touches: Enterprise
CREATE (e:Enterprise {uscc: $uscc, name: $name})
