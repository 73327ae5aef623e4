module sitroom

go 1.26.0

require (
	github.com/coregx/ahocorasick v0.3.1
	github.com/oklog/ulid/v2 v2.1.2
	golang.org/x/text v0.44.0
)
