package gittree

// SameBytes reports whether the file name of a and of b are the same
// bytes in memory, not only equal ones.
func SameBytes(a, b *Tree, name string) bool {
	x, y := a.nodes[name], b.nodes[name]
	return x != nil && y != nil && len(x.data) > 0 && &x.data[0] == &y.data[0]
}
