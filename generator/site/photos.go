package site

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"reportsite/generator/address"
	"reportsite/generator/content"
	"reportsite/generator/diag"
	"reportsite/generator/photos"
	"reportsite/generator/view"
)

// PhotoCacheDir is where a build keeps the photos it has resized when
// Options.PhotoCache is empty: .reportsite-cache/photos in the folder that
// holds the content folder, which is the root of a bloc's repository as
// reportsite init lays it out. It is "" (no cache) when the content
// folder's place cannot be known.
func PhotoCacheDir(contentDir string) string {
	return cacheDir(contentDir, "photos")
}

// HistoryCacheDir is where a build keeps the days it read from git
// (history.Reader.CacheDir) when Options.HistoryCache is empty:
// .reportsite-cache/history beside the content folder, or "" (no cache)
// when the content folder's place cannot be known.
func HistoryCacheDir(contentDir string) string {
	return cacheDir(contentDir, "history")
}

// cacheDir is the folder name in .reportsite-cache beside the content
// folder contentDir, or "" when its place cannot be known.
func cacheDir(contentDir, name string) string {
	abs, err := filepath.Abs(contentDir)
	if err != nil {
		return ""
	}
	return filepath.Join(filepath.Dir(abs), ".reportsite-cache", name)
}

// photoSizes is the sizes attribute of the photos of the default
// stylesheet: one column up to 35rem of screen, two up to 52rem, then
// columns of at most 22rem (.photos in style.css).
const photoSizes = "(max-width: 35rem) calc(100vw - 2rem), (max-width: 52rem) calc(50vw - 1.5rem), 22rem"

// photo is one photo the site publishes, in a copy per size. The copies
// are made together, once, by whichever of their files is made first,
// and let go once every file has been made.
type photo struct {
	name   string // as the content names it, "media/x.jpg"
	source string // its file on disk
	sizes  []photos.Size
	paths  []string   // where each copy goes, as sizes: the last is name
	at     []diag.Pos // the photos: lines that name it; else the file itself
	// onlyLargest is set for a photo of media/ that no activity lists:
	// it is published as its largest copy alone, under its own name, so
	// that no smaller copy can take the name of another file.
	onlyLargest bool

	mu     sync.Mutex
	imgs   []photos.Image
	left   int         // files still to be made from imgs
	failed *photoError // why the copies could not be made, once tried
}

// copies returns the copies of the photo, made or read from cache the
// first time, and kept until each file has had its copy.
func (p *photo) copies(cache *photos.Cache) ([]photos.Image, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.failed != nil {
		return nil, p.failed // tried once; the other copies fail alike
	}
	if p.imgs == nil {
		imgs, err := cache.Photo(p.source)
		if err == nil && !slices.EqualFunc(imgs, p.sizes, func(m photos.Image, s photos.Size) bool { return m.Size == s }) {
			err = errors.New("changed while the site was being built; build again")
		}
		if err != nil {
			p.failed = &photoError{photo: p, err: err}
			return nil, p.failed
		}
		p.imgs, p.left = imgs, len(imgs)
		if p.onlyLargest {
			p.left = 1
		}
	}
	imgs := p.imgs
	if p.left--; p.left <= 0 {
		p.imgs = nil
	}
	return imgs, nil
}

// photoError is a photo that could not be made, at each line naming it.
type photoError struct {
	photo *photo
	err   error
}

func (e *photoError) Error() string {
	lines := make([]string, len(e.photo.at))
	for i, pos := range e.photo.at {
		lines[i] = pos.String() + ": " + e.message()
	}
	return strings.Join(lines, "\n")
}

// message is the error as check words it, without the position.
func (e *photoError) message() string {
	var perr *photos.Error
	if errors.As(e.err, &perr) {
		return fmt.Sprintf("photo %q %s", e.photo.name, perr)
	}
	return fmt.Sprintf("photo %q cannot be read: %v", e.photo.name, e.err)
}

// photoErrors are the photos a build could not make.
type photoErrors []*photoError

func (es photoErrors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// diagnose records each error at each line naming its photo.
func (es photoErrors) diagnose(diags *diag.List) {
	for _, e := range es {
		for _, pos := range e.photo.at {
			diags.Errorf(pos, "%s", e.message())
		}
	}
}

// planPhotos reads the header of every photo the activities show, once
// each, for the size of its copies.
func (b *builder) planPhotos() error {
	b.photos = map[string]*photo{}
	var errs photoErrors
	for _, a := range b.c.Activities {
		for _, p := range a.Photos {
			name := p.File.Value
			if ph := b.photos[name]; ph != nil {
				ph.at = append(ph.at, p.File.Pos)
				continue
			}
			ph := b.addPhoto(name, p.File.Pos, false, &errs)
			if ph == nil {
				continue
			}
			for _, s := range ph.sizes[:len(ph.sizes)-1] {
				ph.paths = append(ph.paths, address.PhotoCopy(name, s.Width))
			}
			ph.paths = append(ph.paths, name)
		}
	}
	// A JPEG or PNG of media/ that no activity lists, such as one a
	// narrative shows, is published without its metadata too: a phone's
	// photo carries where it was taken.
	for _, name := range b.c.Media {
		if b.photos[name] != nil || !isPhotoFile(name) {
			continue
		}
		ph := b.addPhoto(name, diag.Pos{File: path.Join(filepath.ToSlash(b.c.Dir), name)}, true, &errs)
		if ph == nil {
			continue
		}
		ph.paths = make([]string, len(ph.sizes))
		ph.paths[len(ph.paths)-1] = name
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// addPhoto adds the photo of media/ at name, named at, and reads its
// header for the sizes of its copies; it returns nil, the problem added
// to errs, when the header cannot be read.
func (b *builder) addPhoto(name string, at diag.Pos, onlyLargest bool, errs *photoErrors) *photo {
	ph := &photo{name: name, source: filepath.Join(b.c.Dir, filepath.FromSlash(name)), at: []diag.Pos{at}, onlyLargest: onlyLargest}
	b.photos[name] = ph
	settings := b.photoCache.Settings()
	info, err := settings.InspectFile(ph.source)
	if err != nil {
		*errs = append(*errs, &photoError{photo: ph, err: err})
		return nil
	}
	ph.sizes = settings.Sizes(info)
	return ph
}

// isPhotoFile reports whether the file of media/ at name is a JPEG or a
// PNG by its extension, in any case.
func isPhotoFile(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".png":
		return true
	}
	return false
}

// photoFiles plans the copies of every photo, in place of the photo's
// own file. A few photos at a time, as many as there are processors,
// their largest copies are planned first and their other copies after,
// so that the workers make different photos at once and the copies wait
// in memory only for a few.
func (b *builder) photoFiles() {
	var all []*photo
	for _, m := range b.c.Media {
		if ph := b.photos[m]; ph != nil && ph.paths != nil {
			all = append(all, ph)
		}
	}
	for group := range slices.Chunk(all, max(1, runtime.GOMAXPROCS(0))) {
		for _, ph := range group {
			b.photoFile(ph, len(ph.paths)-1)
		}
		for _, ph := range group {
			if ph.onlyLargest {
				continue
			}
			for i := range len(ph.paths) - 1 {
				b.photoFile(ph, i)
			}
		}
	}
}

// photoFile plans the copy i of ph.
func (b *builder) photoFile(ph *photo, i int) {
	b.add(&Entry{Path: ph.paths[i], make: func(*worker) ([]byte, int, error) {
		imgs, err := ph.copies(b.photoCache)
		if err != nil {
			return nil, 0, err
		}
		return imgs[i].Data, 0, nil
	}})
}

// photoViews returns the photos of a as the page at root shows them.
// The first is loaded at once when nothing comes before the photos on the
// page but the activity's facts; the others, and all of them below the
// figures or the narrative, are loaded when the reader scrolls near them.
func (b *builder) photoViews(root string, a *content.Activity) []view.Photo {
	var out []view.Photo
	near := len(a.Contributions) == 0 && len(a.Recipients) == 0 && len(a.Results) == 0 && a.Narrative.Value == ""
	for i, p := range a.Photos {
		ph := b.photos[p.File.Value]
		if ph == nil || ph.paths == nil {
			continue
		}
		var srcset strings.Builder
		for k, s := range ph.sizes {
			if k > 0 {
				srcset.WriteString(", ")
			}
			srcset.WriteString(mediaURL(root, ph.paths[k]) + " " + strconv.Itoa(s.Width) + "w")
		}
		largest := ph.sizes[len(ph.sizes)-1]
		alt := p.Alt.Value
		if alt == "" {
			alt = p.Caption.Value
		}
		out = append(out, view.Photo{
			Src:     mediaURL(root, ph.paths[min(1, len(ph.paths)-1)]),
			Srcset:  srcset.String(),
			Sizes:   photoSizes,
			Width:   largest.Width,
			Height:  largest.Height,
			Alt:     alt,
			Caption: p.Caption.Value,
			Large:   mediaURL(root, ph.name),
			Lazy:    i > 0 || !near,
		})
	}
	return out
}

// mediaURL returns the address from root of a file under media/, each
// folder and the name escaped, so that spaces and commas cannot split a
// srcset.
func mediaURL(root, name string) string {
	parts := strings.Split(name, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return root + strings.Join(parts, "/")
}

// photoStats adds the work of the photo cache to stats.
func (p *Plan) photoStats(stats *Stats) {
	if p.photoCache != nil {
		stats.PhotosMade = p.photoCache.Made()
		stats.PhotosReused = p.photoCache.Reused()
	}
}
