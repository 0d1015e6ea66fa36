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
	"hash/crc32"
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
const magic = "pyward-cache 2\n"

// dataAlign is the alignment of an entry's data within the entry (and so in the buffer
// Get reads it into, which the allocator aligns at least as much): a reader may view
// the bytes as fixed-size records (syntax.DecodeNodes does) without copying them.
const dataAlign = 8

// crcTable is CRC-32C (Castagnoli), which the CPU computes in hardware: an entry's
// checksum catches truncation and damage; entries are not a security boundary (they
// live in the user's own cache folder), so a cryptographic hash would only cost time.
var crcTable = crc32.MakeTable(crc32.Castagnoli)

// Get returns the bytes stored under key, or false when there are none, the cache is
// disabled, or the entry is unreadable, truncated, corrupt or stored under another key
// (each entry carries its whole key and a CRC-32C of its data). The bytes start at an
// address aligned to 8.
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

// headerSize is the length of an entry's header for a key of n bytes: magic, the key's
// length and the key, the data's CRC-32C, then zeros up to a multiple of dataAlign.
func headerSize(n int) int {
	h := len(magic) + 4 + n + 4
	return (h + dataAlign - 1) / dataAlign * dataAlign
}

// encode frames data: magic, the key's length and the key, the data's CRC-32C, zero
// padding to dataAlign, the data.
func encode(key string, data []byte) []byte {
	h := headerSize(len(key))
	out := make([]byte, 0, h+len(data))
	out = append(out, magic...)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(key)))
	out = append(out, key...)
	out = binary.LittleEndian.AppendUint32(out, crc32.Checksum(data, crcTable))
	out = append(out, make([]byte, h-len(out))...)
	return append(out, data...)
}

func decode(raw []byte, key string) ([]byte, bool) {
	if !bytes.HasPrefix(raw, []byte(magic)) || len(raw) < len(magic)+4 {
		return nil, false
	}
	n := binary.LittleEndian.Uint32(raw[len(magic):])
	if uint64(n) != uint64(len(key)) || len(raw) < headerSize(len(key)) {
		return nil, false
	}
	at := len(magic) + 4
	if string(raw[at:at+len(key)]) != key {
		return nil, false
	}
	at += len(key)
	want := binary.LittleEndian.Uint32(raw[at:])
	for _, b := range raw[at+4 : headerSize(len(key))] {
		if b != 0 {
			return nil, false
		}
	}
	data := raw[headerSize(len(key)):]
	if crc32.Checksum(data, crcTable) != want {
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
