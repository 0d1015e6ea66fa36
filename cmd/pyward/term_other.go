//go:build !linux

package main

import "os"

// isTerminal reports whether f is a character device; on Linux, term_linux.go asks
// the terminal driver instead.
func isTerminal(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
