package sqlstore

import (
	"encoding/base64"
	"encoding/json"

	"sitroom/internal/domain"
)

// cursor marks the last row of a page: its sort key and id. It is opaque to
// clients (base64 of JSON).
type cursor struct {
	Key string `json:"k"`
	ID  string `json:"i"`
}

func encodeCursor(c cursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string) (cursor, error) {
	var c cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &c) != nil || c.ID == "" {
		return c, domain.FieldError("cursor", "not a cursor this listing gave")
	}
	return c, nil
}

// pageLimit clamps a requested page size to [1, MaxPageSize].
func pageLimit(n int) int {
	switch {
	case n <= 0:
		return domain.DefaultPageSize
	case n > domain.MaxPageSize:
		return domain.MaxPageSize
	}
	return n
}
