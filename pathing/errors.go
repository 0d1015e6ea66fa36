package pathing

// ValueError is the error returned where CPython raises ValueError. Its
// message is CPython's, word for word.
type ValueError struct {
	// Func is the CPython function that would raise, e.g. "ntpath.relpath".
	Func string
	// Msg is CPython's exception message.
	Msg string
}

// Error returns CPython's message.
func (e *ValueError) Error() string { return e.Msg }

func valueError(fn, msg string) error { return &ValueError{Func: fn, Msg: msg} }
