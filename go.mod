module reportsite

go 1.26.0

require (
	github.com/gosimple/slug v1.15.0
	gopkg.in/yaml.v3 v3.0.1
)

require github.com/gosimple/unidecode v1.0.1 // indirect
