package pathing

import (
	"io/fs"
	"os"
)

// FS is the filesystem pathing reads: the real one (OSFS) or a fake
// (MemFS). Names are paths of the FS's flavour; relative names are relative
// to Getwd. Stat, ReadDir and ReadFile follow symbolic links; Lstat and
// Readlink do not. Errors are *fs.PathError values as the os package gives.
type FS interface {
	Lstat(name string) (fs.FileInfo, error)
	Stat(name string) (fs.FileInfo, error)
	Readlink(name string) (string, error)
	ReadDir(name string) ([]fs.DirEntry, error)
	ReadFile(name string) ([]byte, error)
	Getwd() (string, error)
}

// OSFS is the real filesystem, through the os package.
var OSFS FS = osFS{}

type osFS struct{}

func (osFS) Lstat(name string) (fs.FileInfo, error)     { return os.Lstat(name) }
func (osFS) Stat(name string) (fs.FileInfo, error)      { return os.Stat(name) }
func (osFS) Readlink(name string) (string, error)       { return os.Readlink(name) }
func (osFS) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }
func (osFS) ReadFile(name string) ([]byte, error)       { return os.ReadFile(name) }
func (osFS) Getwd() (string, error)                     { return os.Getwd() }
