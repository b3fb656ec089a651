module reportsite

go 1.26.0

require (
	github.com/gosimple/slug v1.15.0
	github.com/yuin/goldmark v1.8.7
	golang.org/x/text v0.43.0
	gopkg.in/yaml.v3 v3.0.1
)

require (
	github.com/gosimple/unidecode v1.0.1 // indirect
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3 // indirect
	golang.org/x/tools v0.52.0 // indirect
)
