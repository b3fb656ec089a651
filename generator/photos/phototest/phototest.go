// Package phototest makes the photos that tests of photos need: large,
// turned by EXIF, carrying GPS tags and XMP as a phone's photos do.
package phototest

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"testing"
)

// The colours of the quarters of Quadrants, as stored.
var (
	Red    = color.RGBA{220, 30, 30, 255}
	Green  = color.RGBA{30, 200, 30, 255}
	Blue   = color.RGBA{30, 30, 220, 255}
	Yellow = color.RGBA{230, 220, 40, 255}
)

// Quadrants returns a w × h picture whose top-left quarter is red,
// top-right green, bottom-left blue and bottom-right yellow.
func Quadrants(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := Red
			switch {
			case x >= w/2 && y < h/2:
				c = Green
			case x < w/2 && y >= h/2:
				c = Blue
			case x >= w/2 && y >= h/2:
				c = Yellow
			}
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

// EXIFSegment returns an APP1 segment, marker included, with the EXIF
// orientation o and a GPS directory placing the photo at 16.75 N,
// 107.19 E, written in byte order order.
func EXIFSegment(o int, order binary.AppendByteOrder) []byte {
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

// XMPSegment is an APP1 segment of XMP with a place in it.
func XMPSegment() []byte {
	body := []byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><exif:GPSLatitude>16,45N</exif:GPSLatitude></x:xmpmeta>")
	seg := []byte{0xFF, 0xE1}
	seg = binary.BigEndian.AppendUint16(seg, uint16(len(body)+2))
	return append(seg, body...)
}

// PhoneJPEG encodes m as a JPEG carrying EXIF orientation o with GPS
// tags, XMP and a comment, as a phone's photo would.
func PhoneJPEG(t testing.TB, m image.Image, o int) []byte {
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
	out = append(out, EXIFSegment(o, binary.BigEndian)...)
	out = append(out, XMPSegment()...)
	out = append(out, com...)
	return append(out, data[2:]...)
}

// Metadata returns the metadata data holds, by what it leaves in the
// bytes: APP1 to APP15 segments and comments before a JPEG's scan, the
// words of EXIF, GPS and XMP, and the text chunks of a PNG.
func Metadata(data []byte) []string {
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
	if bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
		for _, chunk := range []string{"eXIf", "tEXt", "iTXt", "zTXt"} {
			if bytes.Contains(data, []byte(chunk)) {
				found = append(found, chunk)
			}
		}
	}
	return found
}

// Noise returns a w × h picture of smooth gradients and some detail, so
// that it encodes to about the size of a photo.
func Noise(w, h int) *image.RGBA {
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
