package gazdata

import (
	"bytes"
	"os"
	"testing"
	"time"
)

func TestDecodeTime(t *testing.T) {
	b, err := os.ReadFile("../data/gazetteer.bin.gz")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		st := time.Now()
		d, err := Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		t.Log(len(d.Places), len(d.Names), time.Since(st))
	}
}
