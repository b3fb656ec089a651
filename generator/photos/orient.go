package photos

import "image"

// orient returns m turned upright as EXIF orientation o asks; m itself
// when o is 1 (or not one of the eight). m starts at (0, 0).
//
// Each pixel of the upright picture, at (x, y), is the stored pixel at
// source(x, y), where w × h is the stored size:
//
//	1 (x, y)           as stored
//	2 (w-1-x, y)       mirrored left to right
//	3 (w-1-x, h-1-y)   turned 180°
//	4 (x, h-1-y)       mirrored top to bottom
//	5 (y, x)           transposed
//	6 (y, h-1-x)       turned 90° clockwise
//	7 (w-1-y, h-1-x)   transversed
//	8 (w-1-y, x)       turned 90° anticlockwise
//
// It is done after scaling, on the small picture, where it costs little.
func orient(m *image.RGBA, o int) *image.RGBA {
	if o <= orientNormal || o > orientRotate270 {
		return m
	}
	w, h := m.Rect.Dx(), m.Rect.Dy()
	ow, oh := w, h
	if swapsAxes(o) {
		ow, oh = h, w
	}
	out := image.NewRGBA(image.Rect(0, 0, ow, oh))
	for y := range oh {
		row := out.Pix[y*out.Stride : y*out.Stride+4*ow]
		for x := range ow {
			var sx, sy int
			switch o {
			case orientFlipH:
				sx, sy = w-1-x, y
			case orientRotate180:
				sx, sy = w-1-x, h-1-y
			case orientFlipV:
				sx, sy = x, h-1-y
			case orientTranspose:
				sx, sy = y, x
			case orientRotate90:
				sx, sy = y, h-1-x
			case orientTransverse:
				sx, sy = w-1-y, h-1-x
			case orientRotate270:
				sx, sy = w-1-y, x
			}
			s := sy*m.Stride + 4*sx
			copy(row[4*x:4*x+4], m.Pix[s:s+4])
		}
	}
	return out
}
