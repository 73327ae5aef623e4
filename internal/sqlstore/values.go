package sqlstore

import (
	"encoding/json"
	"fmt"
	"reflect"
	"time"

	"sitroom/internal/domain"
)

// Values cross the driver boundary as strings in both dialects: SQLite
// stores them as text, PostgreSQL parses them into timestamptz, date and
// jsonb. On the way back SQLite gives strings and PostgreSQL typed values;
// the scanners below accept both.

const tsLayout = "2006-01-02T15:04:05.000000Z07:00" // fixed width, so text order is time order

func ts(t time.Time) string { return t.UTC().Format(tsLayout) }

func nullTS(t *time.Time) any {
	if t == nil {
		return nil
	}
	return ts(*t)
}

func nullFloat(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func jsonText(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encode json: %w", err)
	}
	return string(b), nil
}

// nullJSON encodes v, or NULL when v is a nil pointer, map or slice, or an
// empty raw message.
func nullJSON(v any) (any, error) {
	if raw, ok := v.(json.RawMessage); ok {
		if len(raw) == 0 {
			return nil, nil
		}
		return string(raw), nil
	}
	if rv := reflect.ValueOf(v); !rv.IsValid() || (rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Map || rv.Kind() == reflect.Slice) && rv.IsNil() {
		return nil, nil
	}
	return jsonText(v)
}

// tsScan scans a timestamp column.
type tsScan struct{ t *time.Time }

func (s tsScan) Scan(v any) error {
	switch x := v.(type) {
	case time.Time:
		*s.t = x.UTC()
	case string:
		return s.parse(x)
	case []byte:
		return s.parse(string(x))
	case nil:
		*s.t = time.Time{}
	default:
		return fmt.Errorf("timestamp: unexpected %T", v)
	}
	return nil
}

func (s tsScan) parse(x string) error {
	t, err := time.Parse(time.RFC3339Nano, x)
	if err != nil {
		return fmt.Errorf("timestamp %q: %w", x, err)
	}
	*s.t = t.UTC()
	return nil
}

// nullTSScan scans a nullable timestamp into a *time.Time.
type nullTSScan struct{ t **time.Time }

func (s nullTSScan) Scan(v any) error {
	if v == nil {
		*s.t = nil
		return nil
	}
	var t time.Time
	if err := (tsScan{&t}).Scan(v); err != nil {
		return err
	}
	*s.t = &t
	return nil
}

// dateScan scans a date column.
type dateScan struct{ d *domain.Date }

func (s dateScan) Scan(v any) error {
	switch x := v.(type) {
	case time.Time:
		*s.d = domain.Date(x.Format(time.DateOnly))
	case string:
		*s.d = domain.Date(x)
	case []byte:
		*s.d = domain.Date(x)
	case nil:
		*s.d = ""
	default:
		return fmt.Errorf("date: unexpected %T", v)
	}
	return nil
}

// jsonScan decodes a JSON column into a value; NULL leaves it untouched.
type jsonScan struct{ v any }

func (s jsonScan) Scan(v any) error {
	var b []byte
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		b = []byte(x)
	case []byte:
		b = x
	default:
		return fmt.Errorf("json: unexpected %T", v)
	}
	if len(b) == 0 {
		return nil
	}
	if raw, ok := s.v.(*json.RawMessage); ok {
		*raw = append(json.RawMessage(nil), b...)
		return nil
	}
	if err := json.Unmarshal(b, s.v); err != nil {
		return fmt.Errorf("json column: %w", err)
	}
	return nil
}

// floatPtrScan scans a nullable float into a *float64.
type floatPtrScan struct{ p **float64 }

func (s floatPtrScan) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*s.p = nil
	case float64:
		*s.p = &x
	case int64:
		f := float64(x)
		*s.p = &f
	default:
		return fmt.Errorf("float: unexpected %T", v)
	}
	return nil
}
