package main

import (
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// pollable returns f as a file the Go runtime polls, when f is a pipe or a socket in
// blocking mode (as an inherited stdin usually is): its descriptor is switched to
// non-blocking mode and wrapped again, so that a read waiting for the client parks the
// goroutine instead of holding a thread, and its processor, in a blocking system call.
// With a blocked reader, the check goroutine a notification had just started waited
// for the runtime's monitor to take the processor back: 5-6 ms at the start of a
// session on a 2-core machine. restore puts the descriptor back in blocking mode (the
// file description may be shared with another process). A file already non-blocking
// (then the runtime polls it already) and any other file (a terminal, a regular file)
// are returned as they are.
func pollable(f *os.File) (rw io.ReadWriter, restore func()) {
	rw, restore = f, func() {}
	rc, err := f.SyscallConn() // unlike Fd, leaves the file's mode alone
	if err != nil {
		return
	}
	fd := -1
	_ = rc.Control(func(d uintptr) {
		var st unix.Stat_t
		if unix.Fstat(int(d), &st) != nil {
			return
		}
		if kind := st.Mode & unix.S_IFMT; kind != unix.S_IFIFO && kind != unix.S_IFSOCK {
			return
		}
		if flags, err := unix.FcntlInt(d, unix.F_GETFL, 0); err != nil || flags&unix.O_NONBLOCK != 0 {
			return
		}
		if unix.SetNonblock(int(d), true) == nil {
			fd = int(d)
		}
	})
	if fd < 0 {
		return
	}
	return os.NewFile(uintptr(fd), f.Name()), func() { _ = unix.SetNonblock(fd, false) }
}
