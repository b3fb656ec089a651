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

	"reportsite/generator/photos/phototest"
)

// TestLargeRotatedPhotoWithGPS: a 4000 × 3000 phone photo stored on its
// side with orientation 6 and GPS tags becomes upright copies of at most
// 1600 px with no metadata.
func TestLargeRotatedPhotoWithGPS(t *testing.T) {
	data := phototest.PhoneJPEG(t, phototest.Quadrants(4000, 3000), orientRotate90)
	if phototest.Metadata(data) == nil {
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
		if found := phototest.Metadata(m.Data); found != nil {
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
		checkQuadrants(t, img, [4]color.RGBA{phototest.Blue, phototest.Red, phototest.Yellow, phototest.Green})
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
	R, G, B, Y := phototest.Red, phototest.Green, phototest.Blue, phototest.Yellow
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
		data := phototest.PhoneJPEG(t, phototest.Quadrants(800, 400), o)
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
	good := phototest.PhoneJPEG(t, phototest.Noise(640, 480), 1)
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
	data := phototest.PhoneJPEG(t, image.NewGray(image.Rect(0, 0, 8, 8)), 1)
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
			data := append([]byte{0xFF, 0xD8}, phototest.EXIFSegment(o, order)...)
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
	f.Add(append([]byte{0xFF, 0xD8}, phototest.EXIFSegment(6, binary.BigEndian)...))
	f.Add(append([]byte{0xFF, 0xD8}, phototest.EXIFSegment(8, binary.LittleEndian)...))
	f.Add(append([]byte{0xFF, 0xD8, 0xFF, 0xFF}, phototest.XMPSegment()...))
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
	data := phototest.PhoneJPEG(b, phototest.Noise(4000, 3000), 1)
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
