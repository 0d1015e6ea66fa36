package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestPollable: a pipe becomes non-blocking and its reads still deliver what is written
// (through the runtime's poller), restore makes it blocking again; a regular file is
// left as it is.
func TestPollable(t *testing.T) {
	// a blocking pipe, as a process's inherited stdin is (os.Pipe's are non-blocking
	// and already polled)
	var fds [2]int
	if err := unix.Pipe(fds[:]); err != nil {
		t.Fatal(err)
	}
	r, w := os.NewFile(uintptr(fds[0]), "stdin"), os.NewFile(uintptr(fds[1]), "client")
	defer r.Close()
	defer w.Close()
	fd := uintptr(fds[0])
	rw, restore := pollable(r)
	if rw == r {
		t.Fatal("a pipe was returned as it is")
	}
	if flags, err := unix.FcntlInt(fd, unix.F_GETFL, 0); err != nil || flags&unix.O_NONBLOCK == 0 {
		t.Fatalf("the pipe is not non-blocking (flags %#x, %v)", flags, err)
	}
	go func() {
		time.Sleep(50 * time.Millisecond) // the reader waits in the poller first
		_, _ = w.Write([]byte("Content-Length: 2\r\n\r\n{}"))
	}()
	buf := make([]byte, 64)
	n, err := rw.Read(buf)
	if err != nil || string(buf[:n]) != "Content-Length: 2\r\n\r\n{}" {
		t.Fatalf("read %q, %v", buf[:n], err)
	}
	restore()
	if flags, err := unix.FcntlInt(fd, unix.F_GETFL, 0); err != nil || flags&unix.O_NONBLOCK != 0 {
		t.Errorf("after restore the pipe is still non-blocking (flags %#x, %v)", flags, err)
	}

	// os.Pipe's files are non-blocking and polled already: left as they are, still read
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	got, restoreNothing := pollable(pr)
	restoreNothing()
	if got != pr {
		t.Error("a pipe the runtime polls already was wrapped again")
	}
	go func() { _, _ = pw.Write([]byte("x")) }()
	if n, err := got.Read(buf); err != nil || n != 1 {
		t.Errorf("reading the polled pipe: %d, %v", n, err)
	}

	f, err := os.Create(filepath.Join(t.TempDir(), "regular"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, _ := pollable(f); got != f {
		t.Error("a regular file was wrapped")
	}
}
