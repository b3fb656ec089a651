package photos

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"sync/atomic"
)

// decodes counts the photos decoded by this process, for tests that show
// a build from the cache decodes none.
var decodes atomic.Int64

// Decodes returns how many photos this process has decoded.
func Decodes() int64 { return decodes.Load() }

// Cache keeps the copies of photos between builds, one file per photo
// in its folder, named by a hash of the photo's bytes and the settings
// (Version included): a photo changed, or made with other settings, is
// made again; one unchanged is read back without decoding anything.
//
// Each file is written under a temporary name and renamed into place, so
// that a build killed while writing leaves no half-written entry under a
// real name, and ends with a checksum of what it holds, so that an entry
// spoilt anyway is made again rather than published. Entries are never
// removed: the folder can be deleted at any time, at the cost of making
// every photo again.
//
// A Cache is safe for concurrent use.
type Cache struct {
	dir      string
	settings Settings
	made     atomic.Int64
	reused   atomic.Int64
}

// NewCache returns the cache of photos made with s in the folder dir,
// which is made when the first photo is stored. With dir "", photos are
// made every time and nothing is stored.
func NewCache(dir string, s Settings) *Cache {
	return &Cache{dir: dir, settings: s}
}

// Settings returns the settings the cache's photos are made with.
func (c *Cache) Settings() Settings { return c.settings }

// Made returns how many photos the cache has made (decoded, resized and
// encoded) since it was created.
func (c *Cache) Made() int { return int(c.made.Load()) }

// Reused returns how many photos the cache has given from its folder,
// without making them again.
func (c *Cache) Reused() int { return int(c.reused.Load()) }

// Photo returns the copies of the photo in the file name, smallest first,
// as Settings.Process makes them: from the cache when they are there,
// else made and stored. A cache that cannot be written costs time, not
// the build: the copies are returned all the same.
func (c *Cache) Photo(name string) ([]Image, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	sum := sha256.New()
	sum.Write([]byte(c.settings.key()))
	sum.Write(data)
	key := hex.EncodeToString(sum.Sum(nil))
	if c.dir != "" {
		if imgs, err := c.load(key); err == nil {
			c.reused.Add(1)
			return imgs, nil
		}
	}
	_, imgs, err := c.settings.Process(data)
	if err != nil {
		return nil, err
	}
	c.made.Add(1)
	if c.dir != "" {
		_ = c.store(key, imgs)
	}
	return imgs, nil
}

// cacheMagic starts every cache file.
const cacheMagic = "reportsite photo copies\n"

// errCorrupt is an entry that is not what store wrote.
var errCorrupt = errors.New("photos: corrupt cache entry")

// entry returns the file of the cache entry key.
func (c *Cache) entry(key string) string { return filepath.Join(c.dir, key) }

// store writes the copies imgs as the entry key: the magic line, the
// number of copies, each copy's width, height and length, their bytes,
// and the SHA-256 of all that.
func (c *Cache) store(key string, imgs []Image) error {
	var b bytes.Buffer
	b.WriteString(cacheMagic)
	b.Write(binary.BigEndian.AppendUint32(nil, uint32(len(imgs))))
	for _, m := range imgs {
		for _, v := range []int{m.Width, m.Height, len(m.Data)} {
			b.Write(binary.BigEndian.AppendUint32(nil, uint32(v)))
		}
	}
	for _, m := range imgs {
		b.Write(m.Data)
	}
	sum := sha256.Sum256(b.Bytes())
	b.Write(sum[:])

	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(c.dir, ".new-*")
	if err != nil {
		return err
	}
	_, err = f.Write(b.Bytes())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), c.entry(key))
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// load reads the entry key, checking it whole.
func (c *Cache) load(key string) ([]Image, error) {
	data, err := os.ReadFile(c.entry(key))
	if err != nil {
		return nil, err
	}
	return decodeEntry(data)
}

// decodeEntry reads what store wrote, and fails on anything else.
func decodeEntry(data []byte) ([]Image, error) {
	if len(data) < len(cacheMagic)+4+sha256.Size || string(data[:len(cacheMagic)]) != cacheMagic {
		return nil, errCorrupt
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return nil, errCorrupt
	}
	rest := body[len(cacheMagic):]
	n := uint64(binary.BigEndian.Uint32(rest))
	rest = rest[4:]
	if n == 0 || n*12 > uint64(len(rest)) {
		return nil, errCorrupt
	}
	imgs := make([]Image, n)
	head, rest := rest[:n*12], rest[n*12:]
	for i := range imgs {
		w := binary.BigEndian.Uint32(head[12*i:])
		h := binary.BigEndian.Uint32(head[12*i+4:])
		size := uint64(binary.BigEndian.Uint32(head[12*i+8:]))
		if size > uint64(len(rest)) {
			return nil, errCorrupt
		}
		imgs[i] = Image{Size: Size{int(w), int(h)}, Data: rest[:size:size]}
		rest = rest[size:]
	}
	if len(rest) != 0 {
		return nil, errCorrupt
	}
	return imgs, nil
}
