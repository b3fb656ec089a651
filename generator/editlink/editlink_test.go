package editlink_test

import (
	"testing"

	"reportsite/generator/content"
	"reportsite/generator/editlink"
)

func site(repository, branch, editURL string) *content.Site {
	s := &content.Site{}
	s.Repository.Value = repository
	s.Branch.Value = branch
	s.EditURL.Value = editURL
	return s
}

func TestEditLinkForms(t *testing.T) {
	const file = "content/activities/donating-bookshelves-2023.md"
	tests := []struct {
		name                        string
		repository, branch, editURL string
		path                        string
		want                        string
	}{
		{"GitHub", "https://github.com/bloc/report", "", "", file,
			"https://github.com/bloc/report/edit/main/" + file},
		{"GitHub, clone address and branch", "https://www.github.com/bloc/report.git", "release/2024", "", file,
			"https://www.github.com/bloc/report/edit/release/2024/" + file},
		{"GitHub, trailing slash", "https://github.com/bloc/report/", "trunk", "", "site.yaml",
			"https://github.com/bloc/report/edit/trunk/site.yaml"},
		{"gitlab.com, in a subgroup", "https://gitlab.com/province/bloc/report", "", "", file,
			"https://gitlab.com/province/bloc/report/-/edit/main/" + file},
		{"self-hosted GitLab", "https://gitlab.example.org/bloc/report", "", "", file,
			"https://gitlab.example.org/bloc/report/-/edit/main/" + file},
		{"Codeberg", "https://codeberg.org/bloc/report", "", "", file,
			"https://codeberg.org/bloc/report/_edit/main/" + file},
		{"gitea.com", "https://gitea.com/bloc/report", "", "", file,
			"https://gitea.com/bloc/report/_edit/main/" + file},
		{"self-hosted Gitea", "https://gitea.example.vn/bloc/report", "", "", file,
			"https://gitea.example.vn/bloc/report/_edit/main/" + file},
		{"self-hosted Forgejo", "https://forgejo.example.vn:3000/bloc/report", "", "", file,
			"https://forgejo.example.vn:3000/bloc/report/_edit/main/" + file},
		{"Bitbucket", "https://bitbucket.org/bloc/report", "", "", file,
			"https://bitbucket.org/bloc/report/src/main/" + file + "?mode=edit"},
		{"edit_url for another host", "https://git.example.org/bloc/report", "", "https://git.example.org/bloc/report/edit?file={path}&ref=main", "units/a.yaml",
			"https://git.example.org/bloc/report/edit?file=units/a.yaml&ref=main"},
		{"edit_url wins over a known host", "https://github.com/bloc/report", "", "https://edit.example.org/{path}", "units/a.yaml",
			"https://edit.example.org/units/a.yaml"},
		{"edit_url without repository", "", "", "https://edit.example.org/{path}", "units/a.yaml",
			"https://edit.example.org/units/a.yaml"},
		{"spaces and Vietnamese in the path", "https://github.com/bloc/report", "", "", "báo cáo/units/a.yaml",
			"https://github.com/bloc/report/edit/main/b%C3%A1o%20c%C3%A1o/units/a.yaml"},
		{"a question mark and a hash in the path", "https://codeberg.org/bloc/report", "", "", "x?/#y.yaml",
			"https://codeberg.org/bloc/report/_edit/main/x%3F/%23y.yaml"},
		{"unknown host", "https://git.example.org/bloc/report", "", "", file, ""},
		{"no repository", "", "", "", file, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if f, ok := editlink.New(site(tt.repository, tt.branch, tt.editURL)); ok {
				got = f.Link(tt.path)
			}
			if got != tt.want {
				t.Errorf("link %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHostOf(t *testing.T) {
	for repo, want := range map[string]editlink.Host{
		"https://github.com/a/b":         editlink.GitHub,
		"https://GitHub.com/a/b":         editlink.GitHub,
		"https://gitlab.com/a/b":         editlink.GitLab,
		"https://gitlab.gov.vn/a/b":      editlink.GitLab,
		"https://code.gitlab.example/a":  editlink.GitLab,
		"https://codeberg.org/a/b":       editlink.Gitea,
		"https://gitea.com/a/b":          editlink.Gitea,
		"https://git-forgejo.example/a":  editlink.Gitea,
		"https://bitbucket.org/a/b":      editlink.Bitbucket,
		"https://git.example.org/a/b":    editlink.Unknown,
		"https://github.com.example/a/b": editlink.Unknown,
		"https://bitbucket.example/a/b":  editlink.Unknown,
	} {
		if got := editlink.HostOf(repo); got != want {
			t.Errorf("HostOf(%q) = %v, want %v", repo, got, want)
		}
	}
}
