// Package diskcache is pyward's on-disk cache folder: where it is, and how an entry is
// written and read so that concurrent writers never leave a torn file and a corrupt or
// foreign entry reads as a miss, never as an error.
package diskcache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
)

// Dir is pyward's cache folder: $XDG_CACHE_HOME/pyward when XDG_CACHE_HOME is set,
// else pyward under os.UserCacheDir. It does not create the folder.
func Dir() (string, error) {
	if x := os.Getenv("XDG_CACHE_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "pyward"), nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "pyward"), nil
}

// Cache is one kind of entry (a sub-folder of the cache folder). The zero Cache, or one
// whose Dir is "", is disabled: every Get misses and every Put does nothing.
type Cache struct {
	// Dir is the folder of the entries.
	Dir string
}

// Open returns the cache of the given kind under root (Dir() when root is ""). When
// the cache folder cannot be known it returns a disabled cache and the reason.
func Open(root, kind string) (Cache, error) {
	if root == "" {
		d, err := Dir()
		if err != nil {
			return Cache{}, err
		}
		root = d
	}
	return Cache{Dir: filepath.Join(root, kind)}, nil
}

// Enabled reports whether the cache reads and writes entries.
func (c Cache) Enabled() bool { return c.Dir != "" }

// Name turns any key (a path, a version, …) into an entry name that is safe as a file
// name: the hex SHA-256 of the key.
func Name(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

// path is where the entry of key lives. The first two hex digits are a sub-folder so
// that no folder grows huge.
func (c Cache) path(key string) string {
	n := Name(key)
	return filepath.Join(c.Dir, n[:2], n[2:])
}

// magic starts every entry; a change of the entry layout changes it.
const magic = "pyward-cache 1\n"

// Get returns the bytes stored under key, or false when there are none, the cache is
// disabled, or the entry is unreadable, truncated, corrupt or stored under another key
// (each entry carries its whole key and a SHA-256 of its data).
func (c Cache) Get(key string) ([]byte, bool) {
	if !c.Enabled() {
		return nil, false
	}
	raw, err := os.ReadFile(c.path(key))
	if err != nil {
		return nil, false
	}
	return decode(raw, key)
}

// encode frames data: magic, the key's length and the key, the data's SHA-256, the data.
func encode(key string, data []byte) []byte {
	sum := sha256.Sum256(data)
	out := make([]byte, 0, len(magic)+4+len(key)+len(sum)+len(data))
	out = append(out, magic...)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(key)))
	out = append(out, key...)
	out = append(out, sum[:]...)
	return append(out, data...)
}

func decode(raw []byte, key string) ([]byte, bool) {
	if !bytes.HasPrefix(raw, []byte(magic)) {
		return nil, false
	}
	raw = raw[len(magic):]
	if len(raw) < 4 {
		return nil, false
	}
	n := binary.LittleEndian.Uint32(raw)
	raw = raw[4:]
	if uint64(len(raw)) < uint64(n)+sha256.Size || string(raw[:n]) != key {
		return nil, false
	}
	raw = raw[n:]
	want, data := raw[:sha256.Size], raw[sha256.Size:]
	if sum := sha256.Sum256(data); !bytes.Equal(sum[:], want) {
		return nil, false
	}
	return data, true
}

// Put stores data under key. It writes a temporary file beside the entry and renames it
// into place, so a reader sees either the old entry or the whole new one, and the last
// of several concurrent writers wins.
func (c Cache) Put(key string, data []byte) error {
	if !c.Enabled() {
		return nil
	}
	p := c.path(key)
	dir := filepath.Dir(p)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(encode(key, data))
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		_ = os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		_ = os.Remove(tmp.Name())
		return err
	}
	return nil
}

// Delete removes the entry of key, if any.
func (c Cache) Delete(key string) {
	if c.Enabled() {
		_ = os.Remove(c.path(key))
	}
}
