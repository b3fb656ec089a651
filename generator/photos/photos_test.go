package photos

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"golang.org/x/image/draw"
)

// The colours of a test picture's quadrants, as stored.
var (
	red    = color.RGBA{220, 30, 30, 255}
	green  = color.RGBA{30, 200, 30, 255}
	blue   = color.RGBA{30, 30, 220, 255}
	yellow = color.RGBA{230, 220, 40, 255}
)

// quadrants returns a w × h picture whose top-left quarter is red,
// top-right green, bottom-left blue and bottom-right yellow.
func quadrants(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := red
			switch {
			case x >= w/2 && y < h/2:
				c = green
			case x < w/2 && y >= h/2:
				c = blue
			case x >= w/2 && y >= h/2:
				c = yellow
			}
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

// exifSegment returns an APP1 segment, marker included, with the EXIF
// orientation o and a GPS directory placing the photo at 16.75 N,
// 107.19 E, written in byte order order.
func exifSegment(o int, order binary.AppendByteOrder) []byte {
	var t []byte
	if order.String() == binary.BigEndian.String() {
		t = append(t, "MM"...)
	} else {
		t = append(t, "II"...)
	}
	u16 := func(v int) { t = order.AppendUint16(t, uint16(v)) }
	u32 := func(v int) { t = order.AppendUint32(t, uint32(v)) }
	u16(42)
	u32(8) // IFD0 right after the header
	// IFD0: Orientation and the GPS directory's offset.
	u16(2)
	u16(0x0112)
	u16(3)
	u32(1)
	u16(o)
	u16(0)
	gpsAt := 8 + 2 + 2*12 + 4
	u16(0x8825)
	u16(4)
	u32(1)
	u32(gpsAt)
	u32(0) // no next directory
	// The GPS directory: latitude and longitude, refs and rationals.
	ratsAt := gpsAt + 2 + 4*12 + 4
	u16(4)
	u16(1)
	u16(2)
	u32(2)
	t = append(t, 'N', 0, 0, 0)
	u16(2)
	u16(5)
	u32(3)
	u32(ratsAt)
	u16(3)
	u16(2)
	u32(2)
	t = append(t, 'E', 0, 0, 0)
	u16(4)
	u16(5)
	u32(3)
	u32(ratsAt + 24)
	u32(0)
	for _, v := range []int{16, 1, 45, 1, 0, 1, 107, 1, 11, 1, 24, 1} {
		u32(v)
	}
	body := append([]byte("Exif\x00\x00"), t...)
	seg := []byte{0xFF, 0xE1}
	seg = binary.BigEndian.AppendUint16(seg, uint16(len(body)+2))
	return append(seg, body...)
}

// xmpSegment is an APP1 segment of XMP with a place in it.
func xmpSegment() []byte {
	body := []byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><exif:GPSLatitude>16,45N</exif:GPSLatitude></x:xmpmeta>")
	seg := []byte{0xFF, 0xE1}
	seg = binary.BigEndian.AppendUint16(seg, uint16(len(body)+2))
	return append(seg, body...)
}

// photoJPEG encodes m as a JPEG carrying EXIF orientation o with GPS
// tags, XMP and a comment, as a phone's photo would.
func photoJPEG(t testing.TB, m image.Image, o int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	com := []byte{0xFF, 0xFE, 0, 14}
	com = append(com, "taken by Lan"...)
	var out []byte
	out = append(out, data[:2]...) // SOI
	out = append(out, exifSegment(o, binary.BigEndian)...)
	out = append(out, xmpSegment()...)
	out = append(out, com...)
	return append(out, data[2:]...)
}

// metadataIn returns what metadata data holds: APPn segments other than
// none, comments, and the words EXIF, GPS and XMP leave.
func metadataIn(data []byte) []string {
	var found []string
	for _, word := range []string{"Exif", "http://ns.adobe.com/xap", "GPS", "taken by"} {
		if bytes.Contains(data, []byte(word)) {
			found = append(found, word)
		}
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xD8}) {
		// Walk the markers before the scan.
		for i := 2; i+4 <= len(data) && data[i] == 0xFF; {
			m := data[i+1]
			if m == 0xDA {
				break
			}
			if m >= 0xE1 && m <= 0xEF || m == 0xFE {
				found = append(found, "marker "+string("0123456789ABCDEF"[m>>4])+string("0123456789ABCDEF"[m&15]))
			}
			i += 2 + int(binary.BigEndian.Uint16(data[i+2:]))
		}
	}
	if bytes.HasPrefix(data, pngSignature) {
		for _, chunk := range []string{"eXIf", "tEXt", "iTXt", "zTXt"} {
			if bytes.Contains(data, []byte(chunk)) {
				found = append(found, chunk)
			}
		}
	}
	return found
}

// TestLargeRotatedPhotoWithGPS: a 4000 × 3000 phone photo stored on its
// side with orientation 6 and GPS tags becomes upright copies of at most
// 1600 px with no metadata.
func TestLargeRotatedPhotoWithGPS(t *testing.T) {
	data := photoJPEG(t, quadrants(4000, 3000), orientRotate90)
	if metadataIn(data) == nil {
		t.Fatal("the test photo carries no metadata to strip")
	}
	info, imgs, err := Default.Process(data)
	if err != nil {
		t.Fatal(err)
	}
	if info != (Info{Format: JPEG, Width: 3000, Height: 4000, Orientation: 6}) {
		t.Errorf("info = %+v", info)
	}
	want := []Size{{480, 640}, {960, 1280}, {1200, 1600}}
	var got []Size
	for _, m := range imgs {
		got = append(got, m.Size)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("sizes = %v, want %v", got, want)
	}
	for _, m := range imgs {
		if found := metadataIn(m.Data); found != nil {
			t.Errorf("the %d px copy still holds %v", m.Width, found)
		}
		img, err := jpeg.Decode(bytes.NewReader(m.Data))
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != m.Width || b.Dy() != m.Height {
			t.Errorf("the %d px copy is %v", m.Width, b)
		}
		// Turned 90° clockwise, the stored bottom-left (blue) is the
		// upright top-left, and the stored top-left (red) its top-right.
		checkQuadrants(t, img, [4]color.RGBA{blue, red, yellow, green})
	}
}

// checkQuadrants checks the colours at the middle of each quarter of m:
// top-left, top-right, bottom-left, bottom-right.
func checkQuadrants(t *testing.T, m image.Image, want [4]color.RGBA) {
	t.Helper()
	b := m.Bounds()
	at := [4]image.Point{
		{b.Dx() / 4, b.Dy() / 4}, {3 * b.Dx() / 4, b.Dy() / 4},
		{b.Dx() / 4, 3 * b.Dy() / 4}, {3 * b.Dx() / 4, 3 * b.Dy() / 4},
	}
	for i, p := range at {
		r, g, bl, _ := m.At(p.X, p.Y).RGBA()
		w := want[i]
		if diff(r>>8, w.R) > 24 || diff(g>>8, w.G) > 24 || diff(bl>>8, w.B) > 24 {
			t.Errorf("%v: quarter %d is %d,%d,%d, want %v", b.Size(), i, r>>8, g>>8, bl>>8, w)
			return
		}
	}
}

func diff(a uint32, b uint8) uint32 {
	if a > uint32(b) {
		return a - uint32(b)
	}
	return uint32(b) - a
}

// TestEveryOrientationEndToEnd turns a JPEG of each of the eight
// orientations upright: stored with red, green, blue and yellow quarters
// (top-left to bottom-right), each is shown as the EXIF standard says.
func TestEveryOrientationEndToEnd(t *testing.T) {
	R, G, B, Y := red, green, blue, yellow
	want := map[int][4]color.RGBA{
		1: {R, G, B, Y},
		2: {G, R, Y, B},
		3: {Y, B, G, R},
		4: {B, Y, R, G},
		5: {R, B, G, Y},
		6: {B, R, Y, G},
		7: {Y, G, B, R},
		8: {G, Y, R, B},
	}
	for o := 1; o <= 8; o++ {
		data := photoJPEG(t, quadrants(800, 400), o)
		info, imgs, err := Default.Process(data)
		if err != nil {
			t.Fatal(err)
		}
		w, h := 800, 400
		if o >= 5 {
			w, h = 400, 800
		}
		if info.Width != w || info.Height != h || info.Orientation != o {
			t.Errorf("orientation %d: info %+v", o, info)
		}
		last := imgs[len(imgs)-1]
		if last.Width != w || last.Height != h {
			t.Errorf("orientation %d: the largest copy is %v, want %dx%d", o, last.Size, w, h)
		}
		m, err := jpeg.Decode(bytes.NewReader(last.Data))
		if err != nil {
			t.Fatal(err)
		}
		t.Run(string(rune('0'+o)), func(t *testing.T) { checkQuadrants(t, m, want[o]) })
	}
}

// TestOrientPixels checks each orientation pixel by pixel on a 3 × 2
// picture, against the tables written out by hand from the EXIF
// standard's words (where the stored row 0 and column 0 go).
func TestOrientPixels(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 3, 2))
	for i := range 6 {
		src.Pix[4*i] = byte('a' + i) // a b c / d e f
	}
	want := map[int]string{
		1: "abc/def",
		2: "cba/fed",
		3: "fed/cba",
		4: "def/abc",
		5: "ad/be/cf",
		6: "da/eb/fc",
		7: "fc/eb/da",
		8: "cf/be/ad",
	}
	for o, w := range want {
		m := orient(src, o)
		var got []byte
		for y := range m.Rect.Dy() {
			if y > 0 {
				got = append(got, '/')
			}
			for x := range m.Rect.Dx() {
				got = append(got, m.Pix[y*m.Stride+4*x])
			}
		}
		if string(got) != w {
			t.Errorf("orientation %d: %s, want %s", o, got, w)
		}
	}
}

func TestSizesNeverEnlarge(t *testing.T) {
	for _, c := range []struct {
		w, h int
		want []Size
	}{
		{4000, 3000, []Size{{480, 360}, {960, 720}, {1600, 1200}}},
		{3000, 4000, []Size{{480, 640}, {960, 1280}, {1200, 1600}}},
		{1600, 900, []Size{{480, 270}, {960, 540}, {1600, 900}}},
		{1200, 800, []Size{{480, 320}, {960, 640}, {1200, 800}}},
		{700, 500, []Size{{480, 343}, {700, 500}}},
		{480, 480, []Size{{480, 480}}},
		{400, 3000, []Size{{213, 1600}}},
		{6000, 1, []Size{{480, 1}, {960, 1}, {1600, 1}}},
	} {
		got := Default.Sizes(Info{Width: c.w, Height: c.h})
		if !slices.Equal(got, c.want) {
			t.Errorf("%dx%d: %v, want %v", c.w, c.h, got, c.want)
		}
	}
}

// TestPNGStaysPNG: a PNG with transparent parts is accepted, resized and
// written as PNG, keeping its transparency.
func TestPNGStaysPNG(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 2000, 1000))
	for y := range 1000 {
		for x := range 2000 {
			if x < 1000 {
				m.SetNRGBA(x, y, color.NRGBA{20, 120, 200, 255})
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	info, imgs, err := Default.Process(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if info.Format != PNG || len(imgs) != 3 || imgs[2].Size != (Size{1600, 800}) {
		t.Fatalf("info %+v, %d copies", info, len(imgs))
	}
	out, err := png.Decode(bytes.NewReader(imgs[2].Data))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, a := out.At(1500, 400).RGBA(); a != 0 {
		t.Errorf("the transparent half has alpha %d", a)
	}
	if _, _, b, a := out.At(100, 400).RGBA(); a != 0xFFFF || b>>8 < 190 {
		t.Errorf("the opaque half is %v", out.At(100, 400))
	}
}

func TestUnusableFiles(t *testing.T) {
	good := photoJPEG(t, noise(640, 480), 1)
	bigPNG := func(w, h uint32) []byte {
		var buf bytes.Buffer
		png.Encode(&buf, image.NewGray(image.Rect(0, 0, 1, 1)))
		data := buf.Bytes()
		// IHDR's width and height, at 16 and 20, and its CRC after them.
		binary.BigEndian.PutUint32(data[16:], w)
		binary.BigEndian.PutUint32(data[20:], h)
		binary.BigEndian.PutUint32(data[29:], crc32.ChecksumIEEE(data[12:29]))
		return data
	}
	for _, c := range []struct {
		name     string
		data     []byte
		tooLarge bool
		inspect  bool // Inspect already refuses it
	}{
		{"empty", nil, false, true},
		{"text", []byte("not really a JPEG\n"), false, true},
		{"truncated header", good[:30], false, true},
		{"truncated scan", good[:len(good)-200], false, false},
		{"HEIC", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00"), false, true},
		{"huge PNG", bigPNG(20000, 20000), true, true},
		{"huge JPEG", jpegOfSize(t, 10000, 6000), true, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			_, err := Default.Inspect(bytes.NewReader(c.data))
			if (err != nil) != c.inspect {
				t.Errorf("Inspect: %v", err)
			}
			_, _, err = Default.Process(c.data)
			var perr *Error
			if !errors.As(err, &perr) {
				t.Fatalf("Process: %v, want an *Error", err)
			}
			if perr.TooLarge != c.tooLarge {
				t.Errorf("TooLarge = %v: %v", perr.TooLarge, err)
			}
			if time.Since(start) > 2*time.Second {
				t.Errorf("refusing it took %v", time.Since(start))
			}
			t.Log(err)
		})
	}
}

// jpegOfSize returns the start of a JPEG whose frame header declares
// w × h: enough for its header to be read, not its pixels.
func jpegOfSize(t *testing.T, w, h int) []byte {
	data := photoJPEG(t, image.NewGray(image.Rect(0, 0, 8, 8)), 1)
	for i := 2; i+9 < len(data); {
		if data[i+1] == 0xC0 {
			binary.BigEndian.PutUint16(data[i+5:], uint16(h))
			binary.BigEndian.PutUint16(data[i+7:], uint16(w))
			return data
		}
		i += 2 + int(binary.BigEndian.Uint16(data[i+2:]))
	}
	t.Fatal("no frame header")
	return nil
}

func TestJPEGOrientationReadsBothByteOrders(t *testing.T) {
	for _, order := range []binary.AppendByteOrder{binary.BigEndian, binary.LittleEndian} {
		for o := 1; o <= 8; o++ {
			data := append([]byte{0xFF, 0xD8}, exifSegment(o, order)...)
			data = append(data, 0xFF, 0xD9)
			if got := jpegOrientation(data); got != o {
				t.Errorf("%v %d: got %d", order, o, got)
			}
		}
	}
	for _, data := range [][]byte{nil, {0xFF, 0xD8}, []byte("\xFF\xD8\xFF\xE1\x00\x02"), []byte("\xFF\xD8\xFF\xE1\xFF\xFF")} {
		if got := jpegOrientation(data); got != 1 {
			t.Errorf("%q: got %d", data, got)
		}
	}
}

func FuzzJPEGOrientation(f *testing.F) {
	f.Add(append([]byte{0xFF, 0xD8}, exifSegment(6, binary.BigEndian)...))
	f.Add(append([]byte{0xFF, 0xD8}, exifSegment(8, binary.LittleEndian)...))
	f.Add(append([]byte{0xFF, 0xD8, 0xFF, 0xFF}, xmpSegment()...))
	f.Fuzz(func(t *testing.T, data []byte) {
		if o := jpegOrientation(data); o < 1 || o > 8 {
			t.Fatalf("orientation %d", o)
		}
		if info, err := Default.Inspect(bytes.NewReader(data)); err == nil && (info.Width <= 0 || info.Height <= 0) {
			t.Fatalf("Inspect gave %+v", info)
		}
	})
}

func FuzzDecodeEntry(f *testing.F) {
	dir := f.TempDir()
	c := NewCache(dir, Default)
	c.store("k", []Image{{Size{2, 3}, []byte("abc")}, {Size{4, 6}, []byte("defg")}})
	entry, err := os.ReadFile(filepath.Join(dir, "k"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(entry)
	f.Fuzz(func(t *testing.T, data []byte) {
		decodeEntry(data) // must not panic
	})
}

// BenchmarkResize makes the three copies of a 4000 × 3000 photo with
// each scaling filter considered; decode is the part no filter changes.
func BenchmarkResize(b *testing.B) {
	data := photoJPEG(b, noise(4000, 3000), 1)
	b.Run("decode", func(b *testing.B) {
		for b.Loop() {
			if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
	})
	defer func(s draw.Scaler) { scaler = s }(scaler)
	for _, f := range []struct {
		name string
		s    draw.Scaler
	}{{"CatmullRom", draw.CatmullRom}, {"BiLinear", draw.BiLinear}, {"ApproxBiLinear", draw.ApproxBiLinear}} {
		scaler = f.s
		b.Run(f.name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := Default.Process(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// noise returns a w × h picture of smooth gradients and some detail, so
// that it encodes to about the size of a photo.
func noise(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	seed := uint32(1)
	for y := range h {
		for x := range w {
			seed = seed*1664525 + 1013904223
			d := byte(seed >> 28)
			i := y*m.Stride + 4*x
			m.Pix[i] = byte(x*255/w) + d
			m.Pix[i+1] = byte(y*255/h) + d
			m.Pix[i+2] = byte((x+y)*255/(w+h)) + d
			m.Pix[i+3] = 255
		}
	}
	return m
}
