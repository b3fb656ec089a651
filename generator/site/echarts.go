package site

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// EChartsEnv names the environment variable that points at another copy
// of echarts.min.js.
const EChartsEnv = "REPORTSITE_ECHARTS"

// echartsInPackage is where npm installs the pinned ECharts build.
var echartsInPackage = filepath.Join("node_modules", "echarts", "dist", "echarts.min.js")

// ErrNoECharts is returned when pages have charts but no copy of ECharts
// can be found.
var ErrNoECharts = errors.New("ECharts is missing")

// findECharts returns the ECharts file to copy into the site: the one
// given, else $REPORTSITE_ECHARTS, else node_modules/echarts in the
// working folder or the nearest folder above it, else beside or above the
// reportsite program itself.
func findECharts(given string) (string, error) {
	if given == "" {
		given = os.Getenv(EChartsEnv)
	}
	if given != "" {
		if _, err := os.Stat(given); err != nil {
			return "", fmt.Errorf("%w: %s cannot be read: %v", ErrNoECharts, given, err)
		}
		return given, nil
	}
	var starts []string
	if dir, err := os.Getwd(); err == nil {
		starts = append(starts, dir)
	}
	// A reportsite built into the repository (bin/reportsite) finds the
	// repository's copy from any working folder.
	if exe, err := os.Executable(); err == nil {
		starts = append(starts, filepath.Dir(exe))
	}
	for _, dir := range starts {
		if found := findUp(dir, echartsInPackage); found != "" {
			return found, nil
		}
	}
	return "", fmt.Errorf("%w: the charts need %s; run `make site` (or `npm ci`) in the reportsite folder to install the pinned echarts package, or set %s to a copy of echarts.min.js",
		ErrNoECharts, filepath.ToSlash(echartsInPackage), EChartsEnv)
}

// findUp returns dir/name or the same name in the nearest folder above dir
// that has it, or "".
func findUp(dir, name string) string {
	for {
		candidate := filepath.Join(dir, name)
		if _, err := os.Stat(candidate); err == nil {
			return candidate
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
