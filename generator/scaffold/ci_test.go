package scaffold_test

import (
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"

	"reportsite/generator/scaffold"
)

// workflow is the part of a GitHub, Forgejo or Gitea Actions workflow the
// tests read.
type workflow struct {
	On   map[string]any    `yaml:"on"`
	Env  map[string]string `yaml:"env"`
	Jobs map[string]struct {
		RunsOn string            `yaml:"runs-on"`
		If     string            `yaml:"if"`
		Needs  any               `yaml:"needs"`
		Steps  []step            `yaml:"steps"`
		Env    map[string]string `yaml:"env"`
	} `yaml:"jobs"`
}

type step struct {
	Name string            `yaml:"name"`
	ID   string            `yaml:"id"`
	If   string            `yaml:"if"`
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	With map[string]any    `yaml:"with"`
	Env  map[string]string `yaml:"env"`
}

const onDefaultBranch = "github.ref == format('refs/heads/{0}', github.event.repository.default_branch)"

var workflowFiles = []string{".github/workflows/report.yml", ".forgejo/workflows/report.yml", ".gitea/workflows/report.yml"}

func parseWorkflow(t *testing.T, name string, data []byte) workflow {
	t.Helper()
	var w workflow
	if err := yaml.Unmarshal(data, &w); err != nil {
		t.Fatalf("%s does not parse: %v", name, err)
	}
	return w
}

// jobStep is a step with the condition of the job it is in.
type jobStep struct {
	step
	JobIf string
}

// steps returns every step of every job, with the job's condition.
func steps(w workflow) []jobStep {
	var all []jobStep
	for _, j := range w.Jobs {
		for _, s := range j.Steps {
			all = append(all, jobStep{step: s, JobIf: j.If})
		}
	}
	return all
}

func TestWorkflowsCheckEveryChangeAndPublishTheDefaultBranch(t *testing.T) {
	got := files(t, scaffold.Options{Language: "en", Version: "v1.2.3"})
	for _, name := range workflowFiles {
		t.Run(name, func(t *testing.T) {
			w := parseWorkflow(t, name, got[name])
			for _, event := range []string{"push", "pull_request"} {
				if _, ok := w.On[event]; !ok {
					t.Errorf("not run on %s", event)
				}
				if cond, ok := w.On[event].(map[string]any); ok && (cond["branches"] != nil || cond["paths"] != nil) {
					t.Errorf("%s is limited to %v; every change must be checked", event, cond)
				}
			}
			if w.Env["REPORTSITE_VERSION"] != "v1.2.3" || w.Env["REPORTSITE_RELEASES"] != testReleases {
				t.Errorf("env pins %q from %q, want v1.2.3 from %s", w.Env["REPORTSITE_VERSION"], w.Env["REPORTSITE_RELEASES"], testReleases)
			}
			var checked, built, published, fullHistory bool
			for _, s := range steps(w) {
				cond := strings.TrimSpace(s.If + " " + s.JobIf)
				if strings.HasPrefix(s.Uses, "actions/checkout@") {
					fullHistory = fmt.Sprint(s.With["fetch-depth"]) == "0"
				}
				if s.Uses != "" && !regexp.MustCompile(`@v[0-9]+$`).MatchString(s.Uses) {
					t.Errorf("step %q uses %s, not a pinned major version", s.Name, s.Uses)
				}
				if strings.Contains(s.Run, "reportsite check --format github") {
					checked = true
					if cond != "" {
						t.Errorf("the check runs only if %s; it must run on every push and pull request", cond)
					}
				}
				if strings.Contains(s.Run, "reportsite build") {
					built = true
					if !strings.Contains(s.Run, "--strict") || !strings.Contains(s.Run, "--base-url") {
						t.Errorf("build step %q lacks --strict or --base-url:\n%s", s.Name, s.Run)
					}
					if !strings.Contains(cond, onDefaultBranch) {
						t.Errorf("build step %q runs if %q, not only on the default branch", s.Name, cond)
					}
				}
				publishes := strings.Contains(s.Uses, "upload-pages-artifact") || strings.Contains(s.Uses, "deploy-pages") ||
					strings.Contains(s.Run, "publish.sh") || strings.Contains(s.Run, "rsync")
				if publishes {
					published = true
					if !strings.Contains(cond, onDefaultBranch) {
						t.Errorf("publishing step %q runs if %q, not only on the default branch", s.Name, cond)
					}
					if strings.Contains(s.Uses, "upload-pages-artifact") && s.With["path"] != "public" {
						t.Errorf("the Pages artifact is %v, want public", s.With["path"])
					}
					if strings.Contains(s.Run, "rsync") && !strings.Contains(s.Run, "public/") {
						t.Errorf("rsync does not copy public/:\n%s", s.Run)
					}
				}
			}
			if !checked || !built || !published {
				t.Errorf("checks %v, builds %v, publishes %v; want all three", checked, built, published)
			}
			if !fullHistory {
				t.Error("the checkout does not fetch the whole history (fetch-depth: 0)")
			}
		})
	}
}

func TestForgejoAndGiteaWorkflowsDifferOnlyInTheirRunner(t *testing.T) {
	got := files(t, scaffold.Options{Language: "en", Version: "v1.2.3"})
	forgejo := parseWorkflow(t, "forgejo", got[".forgejo/workflows/report.yml"])
	gitea := parseWorkflow(t, "gitea", got[".gitea/workflows/report.yml"])
	f, g := forgejo.Jobs["report"], gitea.Jobs["report"]
	if f.RunsOn == g.RunsOn {
		t.Errorf("both run on %q; Forgejo's and Gitea's usual runner labels differ", f.RunsOn)
	}
	f.RunsOn, g.RunsOn = "", ""
	fy, _ := yaml.Marshal(f)
	gy, _ := yaml.Marshal(g)
	if string(fy) != string(gy) {
		t.Errorf("the Forgejo and Gitea jobs differ beyond runs-on:\n%s\n---\n%s", fy, gy)
	}
}

// gitlabCI is the part of .gitlab-ci.yml the tests read.
type gitlabCI struct {
	Variables map[string]any `yaml:"variables"`
	Workflow  struct {
		Rules []map[string]any `yaml:"rules"`
	} `yaml:"workflow"`
	Default struct {
		Image        string   `yaml:"image"`
		BeforeScript []string `yaml:"before_script"`
	} `yaml:"default"`
	Check job `yaml:"check"`
	Pages job `yaml:"pages"`
}

type job struct {
	Stage     string              `yaml:"stage"`
	Script    []string            `yaml:"script"`
	Rules     []map[string]string `yaml:"rules"`
	Artifacts struct {
		Paths []string `yaml:"paths"`
	} `yaml:"artifacts"`
}

func TestGitLabChecksEveryChangeAndPublishesTheDefaultBranch(t *testing.T) {
	got := files(t, scaffold.Options{Language: "en", Version: "v1.2.3"})
	var ci gitlabCI
	if err := yaml.Unmarshal(got[".gitlab-ci.yml"], &ci); err != nil {
		t.Fatalf(".gitlab-ci.yml does not parse: %v", err)
	}
	if fmt.Sprint(ci.Variables["GIT_DEPTH"]) != "0" {
		t.Errorf("GIT_DEPTH is %v, want 0 (the whole history)", ci.Variables["GIT_DEPTH"])
	}
	if ci.Variables["REPORTSITE_VERSION"] != "v1.2.3" || ci.Variables["REPORTSITE_RELEASES"] != testReleases {
		t.Errorf("variables pin %v from %v", ci.Variables["REPORTSITE_VERSION"], ci.Variables["REPORTSITE_RELEASES"])
	}
	mr := false
	for _, r := range ci.Workflow.Rules {
		if strings.Contains(fmt.Sprint(r["if"]), `$CI_PIPELINE_SOURCE == "merge_request_event"`) && r["when"] == nil {
			mr = true
		}
	}
	if !mr {
		t.Error("no pipeline runs for merge requests")
	}
	if strings.Join(ci.Check.Script, "\n") != "reportsite check" || ci.Check.Rules != nil {
		t.Errorf("the check job runs %q with rules %v; want reportsite check on every pipeline", ci.Check.Script, ci.Check.Rules)
	}
	if !strings.Contains(strings.Join(ci.Pages.Script, "\n"), `reportsite build --strict --base-url "$CI_PAGES_URL"`) {
		t.Errorf("the pages job runs %q", ci.Pages.Script)
	}
	if len(ci.Pages.Artifacts.Paths) != 1 || ci.Pages.Artifacts.Paths[0] != "public" {
		t.Errorf("the pages job keeps %v, want [public]", ci.Pages.Artifacts.Paths)
	}
	if len(ci.Pages.Rules) != 1 || ci.Pages.Rules[0]["if"] != "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" || ci.Pages.Rules[0]["when"] != "" {
		t.Errorf("the pages job runs on %v, want only the default branch", ci.Pages.Rules)
	}
}

func TestCIFilesPinAVersionOrSayToSetOne(t *testing.T) {
	for _, version := range []string{"v1.2.3", ""} {
		got := files(t, scaffold.Options{Language: "en", Version: version})
		want := version
		if want == "" {
			want = scaffold.PlaceholderVersion
		}
		for _, name := range append(workflowFiles, ".gitlab-ci.yml") {
			text := string(got[name])
			if !strings.Contains(text, "REPORTSITE_VERSION: "+want+"\n") {
				t.Errorf("%s does not pin REPORTSITE_VERSION: %s", name, want)
			}
			if strings.Contains(strings.ToLower(text), "latest/download") || strings.Contains(text, "/latest") {
				t.Errorf("%s downloads the latest release", name)
			}
			if !strings.Contains(text, "SHA256SUMS") || !strings.Contains(text, "sha256sum -c") {
				t.Errorf("%s does not verify the download against SHA256SUMS", name)
			}
		}
	}
}

// downloadScripts returns the shell text that gets reportsite in each CI
// file, as the CI runs it.
func downloadScripts(t *testing.T, got map[string][]byte) map[string]string {
	t.Helper()
	scripts := map[string]string{}
	for _, name := range workflowFiles {
		for _, s := range steps(parseWorkflow(t, name, got[name])) {
			if strings.Contains(s.Run, "SHA256SUMS") {
				scripts[name] = s.Run
			}
		}
	}
	var ci gitlabCI
	if err := yaml.Unmarshal(got[".gitlab-ci.yml"], &ci); err != nil {
		t.Fatal(err)
	}
	for _, line := range ci.Default.BeforeScript {
		if strings.Contains(line, "SHA256SUMS") {
			// GitLab runs its scripts with errexit.
			scripts[".gitlab-ci.yml"] = "set -e\n" + line + "command -v reportsite > \"$GITHUB_PATH\"\n"
		}
	}
	if len(scripts) != 4 {
		t.Fatalf("found the download in %d CI files, want 4", len(scripts))
	}
	return scripts
}

func TestDownloadIsVerifiedAgainstSHA256SUMS(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the CI scripts run on Linux")
	}
	for _, tool := range []string{"sh", "curl", "sha256sum", "grep", "uname"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	binary := []byte("#!/bin/sh\necho reportsite from the release\n")
	sum := fmt.Sprintf("%x", sha256.Sum256(binary))
	other := fmt.Sprintf("%x", sha256.Sum256([]byte("something else")))
	releases := map[string]map[string]string{
		"v1.2.3": { // a good release
			"reportsite-linux-amd64": string(binary), "reportsite-linux-arm64": string(binary),
			"SHA256SUMS": sum + "  reportsite-linux-amd64\n" + sum + "  reportsite-linux-arm64\n" + other + "  reportsite-windows-amd64.exe\n",
		},
		"v1.2.4": { // a binary that does not match its sum
			"reportsite-linux-amd64": "tampered", "reportsite-linux-arm64": "tampered",
			"SHA256SUMS": sum + "  reportsite-linux-amd64\n" + sum + "  reportsite-linux-arm64\n",
		},
		"v1.2.5": { // sums that do not list the binary
			"reportsite-linux-amd64": string(binary), "reportsite-linux-arm64": string(binary),
			"SHA256SUMS": sum + "  reportsite-linux-amd64.old\n" + sum + " *reportsite-darwin-arm64\n",
		},
	}
	var mu sync.Mutex
	var requested []string
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		requested = append(requested, r.URL.Path)
		mu.Unlock()
		parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/releases/"), "/")
		if len(parts) == 2 {
			if text, ok := releases[parts[0]][parts[1]]; ok {
				fmt.Fprint(w, text)
				return
			}
		}
		http.NotFound(w, r)
	}))
	defer server.Close()

	tests := []struct {
		version string
		ok      bool
		wantErr string
	}{
		{"v1.2.3", true, ""},
		{"v1.2.4", false, "FAILED"},
		{"v1.2.5", false, "does not list"},
		{"v9.9.9", false, "404"},
		{scaffold.PlaceholderVersion, false, "set it"},
	}
	got := files(t, scaffold.Options{Language: "en", Version: "v1.2.3"})
	for name, script := range downloadScripts(t, got) {
		for _, tt := range tests {
			t.Run(name+"/"+tt.version, func(t *testing.T) {
				tmp := t.TempDir()
				pathFile := filepath.Join(tmp, "github_path")
				cmd := exec.Command("sh", "-c", script)
				cmd.Dir = tmp
				cmd.Env = append(os.Environ(),
					"REPORTSITE_VERSION="+tt.version,
					"REPORTSITE_RELEASES="+server.URL+"/releases",
					"RUNNER_TEMP="+tmp, "TMPDIR="+tmp, "GITHUB_PATH="+pathFile)
				out, err := cmd.CombinedOutput()
				if tt.ok != (err == nil) {
					t.Fatalf("succeeded %v, want %v:\n%s", err == nil, tt.ok, out)
				}
				installed := filepath.Join(tmp, "reportsite-"+tt.version, "reportsite")
				if !tt.ok {
					if !strings.Contains(string(out), tt.wantErr) {
						t.Errorf("output lacks %q:\n%s", tt.wantErr, out)
					}
					if _, err := os.Stat(installed); err == nil {
						t.Errorf("%s was installed although the download failed", installed)
					}
					return
				}
				run, err := exec.Command(installed).Output()
				if err != nil || string(run) != "reportsite from the release\n" {
					t.Errorf("the installed reportsite says %q (%v)", run, err)
				}
				onPath, _ := os.ReadFile(pathFile)
				if !strings.Contains(string(onPath), filepath.Dir(installed)) {
					t.Errorf("the PATH was given %q, not %s", onPath, filepath.Dir(installed))
				}
			})
		}
	}
	mu.Lock()
	defer mu.Unlock()
	for _, p := range requested {
		if strings.Contains(p, "latest") {
			t.Errorf("requested %s", p)
		}
	}
}

// TestPullRequestsShowTheFiguresTheyChange checks that every CI file runs
// reportsite diff against the base of a pull or merge request, in
// Markdown, into the job summary or the job log, with the history it
// needs.
func TestPullRequestsShowTheFiguresTheyChange(t *testing.T) {
	got := files(t, scaffold.Options{Language: "en", Version: "v1.2.3"})
	for _, name := range workflowFiles {
		w := parseWorkflow(t, name, got[name])
		found := false
		for _, s := range steps(w) {
			if !strings.Contains(s.Run, "reportsite diff") {
				continue
			}
			found = true
			if s.If != "github.event_name == 'pull_request'" {
				t.Errorf("%s: the diff step runs if %q, want on pull requests", name, s.If)
			}
			if s.Env["BASE_SHA"] != "${{ github.event.pull_request.base.sha }}" ||
				!strings.Contains(s.Run, `reportsite diff "$BASE_SHA" HEAD --format markdown`) {
				t.Errorf("%s: the diff step does not compare the pull request's base with HEAD in Markdown:\n%s", name, s.Run)
			}
			if !strings.Contains(s.Run, `>> "$GITHUB_STEP_SUMMARY"`) {
				t.Errorf("%s: the diff does not go into $GITHUB_STEP_SUMMARY:\n%s", name, s.Run)
			}
		}
		if !found {
			t.Errorf("%s: no step runs reportsite diff", name)
		}
	}

	var ci struct {
		Figures struct {
			Stage     string              `yaml:"stage"`
			Script    []string            `yaml:"script"`
			Rules     []map[string]string `yaml:"rules"`
			Artifacts struct {
				ExposeAs string   `yaml:"expose_as"`
				Paths    []string `yaml:"paths"`
			} `yaml:"artifacts"`
		} `yaml:"figures"`
	}
	if err := yaml.Unmarshal(got[".gitlab-ci.yml"], &ci); err != nil {
		t.Fatal(err)
	}
	job := ci.Figures
	script := strings.Join(job.Script, "\n")
	if !strings.Contains(script, `reportsite diff "$CI_MERGE_REQUEST_DIFF_BASE_SHA" HEAD --format markdown`) {
		t.Errorf("GitLab: the figures job runs %q", script)
	}
	if len(job.Rules) != 1 || job.Rules[0]["if"] != `$CI_PIPELINE_SOURCE == "merge_request_event"` {
		t.Errorf("GitLab: the figures job runs on %v, want merge requests", job.Rules)
	}
	if len(job.Artifacts.Paths) != 1 || job.Artifacts.ExposeAs == "" || !strings.Contains(script, "cat "+job.Artifacts.Paths[0]) {
		t.Errorf("GitLab: the diff is not both in the log and an exposed artifact: %q, %+v", script, job.Artifacts)
	}
}

// TestBuildsKeepTheirCache checks that every CI file keeps
// .reportsite-cache/ from one build of the default branch to the next, so
// that photos are resized and the history read only for what changed.
func TestBuildsKeepTheirCache(t *testing.T) {
	got := files(t, scaffold.Options{Language: "en", Version: "v1.2.3"})
	for _, name := range workflowFiles {
		w := parseWorkflow(t, name, got[name])
		cached, built := -1, -1
		for i, s := range steps(w) {
			if strings.HasPrefix(s.Uses, "actions/cache@") && s.With["path"] == ".reportsite-cache" && s.If == onDefaultBranch {
				cached = i
			}
			if strings.Contains(s.Run, "reportsite build") {
				built = i
			}
		}
		if cached < 0 || built < 0 || cached > built {
			t.Errorf("%s: no actions/cache step of .reportsite-cache before the build (cache step %d, build step %d)", name, cached, built)
		}
	}
	var ci struct {
		Pages struct {
			Cache struct {
				Paths []string `yaml:"paths"`
			} `yaml:"cache"`
		} `yaml:"pages"`
	}
	if err := yaml.Unmarshal(got[".gitlab-ci.yml"], &ci); err != nil {
		t.Fatal(err)
	}
	if len(ci.Pages.Cache.Paths) != 1 || ci.Pages.Cache.Paths[0] != ".reportsite-cache/" {
		t.Errorf(".gitlab-ci.yml: the pages job caches %v, want [.reportsite-cache/]", ci.Pages.Cache.Paths)
	}
}
