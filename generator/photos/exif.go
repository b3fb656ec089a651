package photos

import (
	"bytes"
	"encoding/binary"
)

// Orientation values of the EXIF Orientation tag (0x0112): how the stored
// pixels must be turned to show the photo upright. Phones store the
// picture as the sensor saw it and set this tag rather than turning the
// pixels themselves.
const (
	orientNormal     = 1 // as stored
	orientFlipH      = 2 // mirrored left to right
	orientRotate180  = 3 // upside down
	orientFlipV      = 4 // mirrored top to bottom
	orientTranspose  = 5 // mirrored along the top-left to bottom-right diagonal
	orientRotate90   = 6 // to be turned 90° clockwise
	orientTransverse = 7 // mirrored along the top-right to bottom-left diagonal
	orientRotate270  = 8 // to be turned 90° anticlockwise
)

// swapsAxes reports whether orientation o turns the picture on its side,
// so that its upright width is its stored height.
func swapsAxes(o int) bool { return o >= orientTranspose && o <= orientRotate270 }

// jpegOrientation returns the EXIF orientation of a JPEG file from its
// first bytes (those up to the first frame are enough), or 1 when it has
// none or a value that is not one of the eight. It reads only the
// Orientation tag of the first image directory, checking every offset
// against the data, so that any bytes at all give an answer and never a
// panic (FuzzJPEGOrientation).
//
// It is written here rather than taken from an EXIF library: the Go EXIF
// libraries at hand are no longer maintained and bring several modules
// with them to read this one number.
func jpegOrientation(data []byte) int {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return orientNormal
	}
	i := 2
	for i+4 <= len(data) {
		if data[i] != 0xFF {
			return orientNormal // not a marker: the file is broken here
		}
		marker := data[i+1]
		switch {
		case marker == 0xFF:
			i++ // a fill byte before a marker
			continue
		case marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01:
			i += 2 // markers without a length
			continue
		case marker == 0xDA || marker == 0xD9 || (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC):
			// The scan, the end, or a frame: EXIF comes before them.
			return orientNormal
		}
		length := int(binary.BigEndian.Uint16(data[i+2:]))
		if length < 2 {
			return orientNormal
		}
		start, end := i+4, i+2+length
		if end > len(data) {
			end = len(data)
		}
		if marker == 0xE1 {
			if o, ok := exifOrientation(data[start:end]); ok {
				return o
			}
		}
		i += 2 + length
	}
	return orientNormal
}

// exifOrientation reads the Orientation tag from the body of an APP1
// segment, "Exif\0\0" followed by a TIFF header and its directories. ok is
// false when the segment is not EXIF (XMP is APP1 too) or holds no valid
// Orientation.
func exifOrientation(seg []byte) (o int, ok bool) {
	tiff, found := bytes.CutPrefix(seg, []byte("Exif\x00\x00"))
	if !found || len(tiff) < 8 {
		return 0, false
	}
	var order binary.ByteOrder
	switch string(tiff[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return 0, false
	}
	if order.Uint16(tiff[2:]) != 42 {
		return 0, false
	}
	ifd := uint64(order.Uint32(tiff[4:]))
	if ifd+2 > uint64(len(tiff)) {
		return 0, false
	}
	n := uint64(order.Uint16(tiff[ifd:]))
	for k := range n {
		e := ifd + 2 + 12*k
		if e+12 > uint64(len(tiff)) {
			return 0, false
		}
		if order.Uint16(tiff[e:]) != 0x0112 {
			continue
		}
		// The value is a SHORT, kept in the entry's first two value bytes.
		if order.Uint16(tiff[e+2:]) != 3 || order.Uint32(tiff[e+4:]) != 1 {
			return 0, false
		}
		v := int(order.Uint16(tiff[e+8:]))
		if v < orientNormal || v > orientRotate270 {
			return 0, false
		}
		return v, true
	}
	return 0, false
}
