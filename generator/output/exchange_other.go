//go:build !linux && !darwin

package output

// exchange always returns errNoExchange: Windows and the other systems
// Go builds for have no call that swaps two folders in one step that
// reportsite uses, so a folder that exists is replaced by two renames.
func exchange(tmp, dir string) error {
	return errNoExchange
}
