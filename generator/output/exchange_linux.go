//go:build linux

package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps the folders tmp and dir in one step, with renameat2 and
// RENAME_EXCHANGE: Linux 3.15 and later, on ext4, XFS, Btrfs, tmpfs, F2FS
// and most other local filesystems. A reader of dir sees the old folder or
// the new one, never neither. It returns errNoExchange when the kernel or
// the filesystem cannot exchange (EINVAL, ENOSYS, EOPNOTSUPP; EPERM from
// container filters that do not know the call), so that the caller falls
// back on two renames.
func exchange(tmp, dir string) error {
	err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, dir, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS),
		errors.Is(err, unix.EOPNOTSUPP), errors.Is(err, unix.EPERM):
		return errNoExchange
	}
	return &os.LinkError{Op: "exchange", Old: tmp, New: dir, Err: err}
}
