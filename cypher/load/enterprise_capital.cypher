// purpose: registered capital of already loaded enterprises, to derive shares from subscribed capital
// mode: read
// params: usccs
UNWIND $usccs AS u
MATCH (e:Enterprise {uscc: u})
RETURN e.uscc AS uscc, e.registered_capital AS capital
