package history

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// The cache file keeps the days read for one commit, so that the next
// run reads the log only over the commits made since. It is named after
// the repository (its top folder) and the content folder's place in it,
// and holds:
//
//	cacheMagic, a CRC-32 (IEEE, big-endian) of the rest, then the rest:
//	a gob of cacheData.
//
// Whatever is wrong with it, such as a file cut short, spoilt, of
// another version or another history, it is not used, and the whole
// history is read and the file written again. It is written to a
// temporary file renamed into place, so that a build stopped half-way
// or two builds side by side never leave half a file.
const cacheMagic = "reportsite history cache 1\n"

// cacheData is the content of a cache file.
type cacheData struct {
	Commit string // the commit the days are as of, its full hash
	Prefix string // History.Prefix
	// Paths are the files, by slash path inside the content folder,
	// sorted; Days, the day each last changed, in days since 1970-01-01.
	Paths []string
	Days  []int32
}

// cacheFile is the cache file of the content folder at prefix in the
// repository whose top folder is top.
func (r *Reader) cacheFile(top, prefix string) string {
	sum := sha256.Sum256([]byte(top + "\x00" + prefix))
	return filepath.Join(r.CacheDir, hex.EncodeToString(sum[:8])+".gob")
}

// loadCache returns the days kept in the cache file, and nil when there
// are none that can be used for the content folder at prefix.
func loadCache(file, prefix string) *state {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	rest, ok := bytes.CutPrefix(b, []byte(cacheMagic))
	if !ok || len(rest) < 4 || binary.BigEndian.Uint32(rest) != crc32.ChecksumIEEE(rest[4:]) {
		return nil
	}
	var d cacheData
	if err := gob.NewDecoder(bytes.NewReader(rest[4:])).Decode(&d); err != nil {
		return nil
	}
	if !isHash(d.Commit) || d.Prefix != prefix || len(d.Paths) != len(d.Days) {
		return nil
	}
	s := &state{commit: d.Commit, prefix: d.Prefix, days: make(map[string]time.Time, len(d.Paths))}
	for i, p := range d.Paths {
		if p == "" {
			return nil
		}
		s.days[p] = time.Unix(int64(d.Days[i])*86400, 0).UTC()
	}
	return s
}

// saveCache writes s to the cache file, and reports whether it could.
func saveCache(file string, s *state) bool {
	d := cacheData{Commit: s.commit, Prefix: s.prefix, Paths: make([]string, 0, len(s.days))}
	for p := range s.days {
		d.Paths = append(d.Paths, p)
	}
	slices.Sort(d.Paths)
	d.Days = make([]int32, len(d.Paths))
	for i, p := range d.Paths {
		d.Days[i] = int32(s.days[p].Unix() / 86400)
	}
	var buf bytes.Buffer
	buf.WriteString(cacheMagic)
	buf.Write(make([]byte, 4))
	if err := gob.NewEncoder(&buf).Encode(&d); err != nil {
		return false
	}
	b := buf.Bytes()
	binary.BigEndian.PutUint32(b[len(cacheMagic):], crc32.ChecksumIEEE(b[len(cacheMagic)+4:]))

	dir := filepath.Dir(file)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return false
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return false
	}
	tmp.Chmod(0o644) // as the files a build writes; CreateTemp makes 0600
	_, err = tmp.Write(b)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return false
	}
	return true
}

// isHash reports whether s is a full commit hash, SHA-1 or SHA-256.
func isHash(s string) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
