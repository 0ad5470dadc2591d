package main

import (
	"errors"
	"time"
)

// closeTimeout bounds how long a stopping server waits, once it has stopped answering
// requests, for its sync to end and its index to close. A merge or a write that cannot
// finish (a full disk) would otherwise hold SIGTERM up without end. What the index
// did not write down by then is read again from the corpus at the next start: the
// manifest never claims more than the index holds.
const closeTimeout = 15 * time.Second

// errCloseTimeout is returned when closing took longer than closeTimeout.
var errCloseTimeout = errors.New("de index sloot niet binnen de tijd af (is de schijf vol?); bij de volgende start wordt bijgelezen wat ontbreekt")

// finishWithin runs fn and waits at most d for it to return; it reports whether fn
// returned in time. A fn that does not is left running: the process is about to exit.
func finishWithin(d time.Duration, fn func()) bool {
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-done:
		return true
	case <-timer.C:
		return false
	}
}
