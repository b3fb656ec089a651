// Package photos makes the copies of a photo that a site publishes: turned
// upright as its EXIF orientation says, resized to a few widths, and
// written anew, which leaves behind all of the original's metadata (EXIF
// with the camera and the place the photo was taken, GPS, XMP, comments).
//
// The rules:
//
//   - Formats: JPEG and PNG are read. A JPEG is written as JPEG at
//     quality 80. A PNG stays PNG: it is usually a drawing, a chart or a
//     screenshot, or has transparent parts, which JPEG would blur or lose.
//     WebP is not written: no well-kept encoder in pure Go exists.
//   - Sizes: the largest copy is the photo itself, made smaller when
//     needed to fit in a square of the largest of Settings.Widths (1600
//     px), and never enlarged; the others are each of Settings.Widths
//     (480, 960) narrower than the largest. A 4000 × 3000 photo gives
//     480, 960 and 1600 × 1200; the same photo upright, 3000 × 4000, gives
//     480, 960 and 1200 × 1600; a 700 px wide one 480 and 700; a 400 px
//     wide one 400 only. Heights keep the proportions, rounded.
//   - Orientation: the eight EXIF orientations of a JPEG are applied, and
//     widths are those of the upright photo. A PNG's orientation is not
//     read (phones and cameras write JPEG).
//   - Limits: a photo of more than Settings.MaxPixels (50 megapixels) is
//     refused before it is decoded, from the size its header declares, so
//     that a small file declaring a huge picture cannot exhaust memory.
//
// Scaling uses golang.org/x/image/draw's Catmull-Rom filter; see
// BenchmarkResize for what it costs.
package photos

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/image/draw"
)

// Version names the way this package makes photos. It is part of every
// cache key: change it when a change of the code changes the bytes made,
// so that caches made before are not used.
const Version = "1"

// Settings are what the copies of a photo are made with. They are part
// of every cache key.
type Settings struct {
	// Widths are the widths, in pixels and ascending, a photo is resized
	// to; the last is the largest published.
	Widths []int
	// Quality is the JPEG quality, 1 to 100.
	Quality int
	// MaxPixels is the largest picture read, width × height.
	MaxPixels int64
}

// Default are the settings of every build.
var Default = Settings{Widths: []int{480, 960, 1600}, Quality: 80, MaxPixels: 50_000_000}

// key is the settings as they enter a cache key.
func (s Settings) key() string {
	var b strings.Builder
	b.WriteString("reportsite photos " + Version + " widths")
	for _, w := range s.Widths {
		b.WriteString(" " + strconv.Itoa(w))
	}
	fmt.Fprintf(&b, " quality %d max %d\n", s.Quality, s.MaxPixels)
	return b.String()
}

// Format is a kind of image file that photos reads and writes.
type Format string

// The formats read and written.
const (
	JPEG Format = "jpeg"
	PNG  Format = "png"
)

// Ext returns the usual file name extension of the format, with its dot.
func (f Format) Ext() string {
	if f == PNG {
		return ".png"
	}
	return ".jpg"
}

// Info is what a photo's header tells: its format and its upright size.
type Info struct {
	Format Format
	// Width and Height are the photo's size once turned upright.
	Width, Height int
	// Orientation is the EXIF orientation, 1 to 8; 1 when none is set.
	Orientation int
}

// Size is the size of one copy of a photo, in pixels.
type Size struct {
	Width, Height int
}

// Sizes returns the sizes of the copies of a photo of info, smallest
// first, by the rule in the package comment.
func (s Settings) Sizes(info Info) []Size {
	w, h := info.Width, info.Height
	if w <= 0 || h <= 0 || len(s.Widths) == 0 {
		return nil
	}
	// The largest copy fits in a square of the largest width.
	lw, lh := w, h
	if top := s.Widths[len(s.Widths)-1]; max(w, h) > top {
		if w >= h {
			lw, lh = top, scaled(h, top, w)
		} else {
			lw, lh = scaled(w, top, h), top
		}
	}
	var sizes []Size
	for _, tw := range s.Widths {
		if tw >= lw {
			break
		}
		sizes = append(sizes, Size{tw, scaled(h, tw, w)})
	}
	return append(sizes, Size{lw, lh})
}

// scaled returns h × num / den rounded, at least 1.
func scaled(h, num, den int) int {
	return max(1, int((int64(h)*int64(num)+int64(den)/2)/int64(den)))
}

// Error is a photo that cannot be published. Its message follows the
// photo's name: "media/x.jpg" + " " + Error().
type Error struct {
	// TooLarge is set for a photo refused for its size rather than for
	// being unreadable.
	TooLarge bool
	msg      string
}

func (e *Error) Error() string { return e.msg }

// unreadable is the error of a file that is not a JPEG or PNG image that
// can be decoded; cause is the decoder's words.
func unreadable(cause error) *Error {
	if errors.Is(cause, io.ErrUnexpectedEOF) || strings.Contains(cause.Error(), "short Huffman data") {
		// A file cut short, as a copy or upload that did not finish
		// leaves it.
		cause = errors.New("the file ends too soon, as if its copy did not finish")
	}
	return &Error{msg: fmt.Sprintf("is not a JPEG or PNG image that can be read (%v); open it in a photo editor and save it again as JPEG, or copy it again from the phone or camera", cause)}
}

// otherFormat names the image formats people are likely to have instead
// of JPEG or PNG, by the bytes their files start with.
func otherFormat(head []byte) string {
	switch {
	case len(head) >= 12 && string(head[4:8]) == "ftyp" &&
		strings.Contains("heic heix hevc mif1 msf1 avif", string(head[8:12])):
		if string(head[8:12]) == "avif" {
			return "an AVIF image"
		}
		return "a HEIC image (as iPhones save photos)"
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return "a WebP image"
	case bytes.HasPrefix(head, []byte("GIF8")):
		return "a GIF image"
	case bytes.HasPrefix(head, []byte("II*\x00")), bytes.HasPrefix(head, []byte("MM\x00*")):
		return "a TIFF image"
	case bytes.HasPrefix(head, []byte("BM")):
		return "a BMP image"
	}
	return ""
}

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// Inspect reads a photo's header from r, and only as much of the file as
// the header takes: its format, upright size and orientation. It returns
// an *Error for a file that is not a JPEG or PNG image, or declares one
// larger than s.MaxPixels.
func (s Settings) Inspect(r io.Reader) (Info, error) {
	var head bytes.Buffer
	tee := io.TeeReader(r, &head)
	var sig [12]byte
	n, _ := io.ReadFull(tee, sig[:])
	var (
		info Info
		cfg  image.Config
		err  error
	)
	rest := io.MultiReader(bytes.NewReader(sig[:n]), tee)
	switch {
	case n == 0:
		return Info{}, &Error{msg: "is an empty file; copy the photo again"}
	case n >= 3 && sig[0] == 0xFF && sig[1] == 0xD8 && sig[2] == 0xFF:
		info.Format = JPEG
		cfg, err = jpeg.DecodeConfig(rest)
	case n >= len(pngSignature) && bytes.Equal(sig[:len(pngSignature)], pngSignature):
		info.Format = PNG
		cfg, err = png.DecodeConfig(rest)
	default:
		if other := otherFormat(sig[:n]); other != "" {
			return Info{}, &Error{msg: "is " + other + "; reportsite reads only JPEG and PNG: save or export it as JPEG"}
		}
		return Info{}, unreadable(errors.New("its first bytes are not those of either"))
	}
	if err != nil {
		return Info{}, unreadable(err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return Info{}, unreadable(errors.New("it has no pixels"))
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > s.MaxPixels {
		return Info{}, &Error{TooLarge: true, msg: fmt.Sprintf(
			"is %d × %d pixels, %.0f megapixels, more than the %d megapixels reportsite reads; make it smaller in a photo editor (1600 pixels wide is plenty for the site)",
			cfg.Width, cfg.Height, float64(px)/1e6, s.MaxPixels/1_000_000)}
	}
	info.Width, info.Height, info.Orientation = cfg.Width, cfg.Height, orientNormal
	if info.Format == JPEG {
		info.Orientation = jpegOrientation(head.Bytes())
	}
	if swapsAxes(info.Orientation) {
		info.Width, info.Height = info.Height, info.Width
	}
	return info, nil
}

// InspectFile is Inspect of the file at name. Errors opening the file
// are returned as they are.
func (s Settings) InspectFile(name string) (Info, error) {
	f, err := os.Open(name)
	if err != nil {
		return Info{}, err
	}
	defer f.Close()
	return s.Inspect(f)
}

// Image is one copy of a photo: its size and its encoded bytes.
type Image struct {
	Size
	Data []byte
}

// Process makes the copies of the photo whose file holds data, one per
// size of s.Sizes, smallest first, in the photo's format. It checks the
// header before decoding anything, as Inspect does.
func (s Settings) Process(data []byte) (Info, []Image, error) {
	info, err := s.Inspect(bytes.NewReader(data))
	if err != nil {
		return Info{}, nil, err
	}
	var src image.Image
	if info.Format == PNG {
		src, err = png.Decode(bytes.NewReader(data))
	} else {
		src, err = jpeg.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return Info{}, nil, unreadable(err)
	}
	decodes.Add(1)
	sizes := s.Sizes(info)
	out := make([]Image, len(sizes))
	var buf bytes.Buffer
	// From the largest copy down, each made from the one before: scaling
	// costs about as much as the picture scaled is large, so only the
	// largest copy is made from the full photo.
	from := src
	for i := len(sizes) - 1; i >= 0; i-- {
		size := sizes[i]
		// Scale the stored picture to the copy's size on its side, then
		// turn the small result upright.
		sw, sh := size.Width, size.Height
		if swapsAxes(info.Orientation) {
			sw, sh = sh, sw
		}
		dst := image.NewRGBA(image.Rect(0, 0, sw, sh))
		b := from.Bounds()
		if b.Dx() == sw && b.Dy() == sh {
			draw.Draw(dst, dst.Rect, from, b.Min, draw.Src)
		} else {
			scaler.Scale(dst, dst.Rect, from, b, draw.Src, nil)
		}
		from = dst
		m := orient(dst, info.Orientation)
		buf.Reset()
		if info.Format == PNG {
			err = png.Encode(&buf, m)
		} else {
			err = jpeg.Encode(&buf, m, &jpeg.Options{Quality: s.Quality})
		}
		if err != nil {
			return Info{}, nil, err
		}
		out[i] = Image{Size: size, Data: bytes.Clone(buf.Bytes())}
	}
	return info, out, nil
}

// scaler is the filter photos are resized with.
var scaler draw.Scaler = draw.CatmullRom
