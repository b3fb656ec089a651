package site

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"reportsite/generator/diag"
)

func TestBuildWithoutEChartsSaysHowToGetItAndWritesNothing(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	var diags diag.List
	_, err := Build(Options{Content: "../../content", Out: out, ECharts: filepath.Join(t.TempDir(), "missing.js")}, &diags)
	if !errors.Is(err, ErrNoECharts) {
		t.Fatalf("err = %v, want ErrNoECharts", err)
	}
	if _, serr := os.Stat(out); !errors.Is(serr, os.ErrNotExist) {
		t.Errorf("the output folder was created: %v", serr)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}

	t.Setenv(EChartsEnv, "")
	t.Chdir(t.TempDir()) // no node_modules above a fresh temporary folder
	if _, err := findECharts(""); err == nil || !strings.Contains(err.Error(), "npm ci") || !strings.Contains(err.Error(), EChartsEnv) {
		t.Errorf("the message does not say how to get ECharts: %v", err)
	}
}

func TestEChartsSettingPointsAtAnotherCopy(t *testing.T) {
	copyOf := filepath.Join(t.TempDir(), "echarts.min.js")
	os.WriteFile(copyOf, []byte("/* a copy */"), 0o644)
	t.Setenv(EChartsEnv, copyOf)
	s, _, err := Render(Check("../../content", false, &diag.List{}), Options{Content: "../../content"})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Bytes("assets/echarts.min.js"); string(got) != "/* a copy */" {
		t.Errorf("assets/echarts.min.js = %q, want the copy named by %s", got, EChartsEnv)
	}
}
