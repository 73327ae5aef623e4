// Command gen builds the embedded gazetteer from its source files:
//
//	go run ./internal/gazetteer/gen -src internal/gazetteer/data/source -out internal/gazetteer/data/gazetteer.bin.gz
//
// It is run by `go generate ./internal/gazetteer`.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"sitroom/internal/gazetteer/gazdata"
)

func main() {
	src := flag.String("src", "data/source", "folder of source files")
	out := flag.String("out", "data/gazetteer.bin.gz", "file to write")
	flag.Parse()
	if err := run(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(src, out string) error {
	d, err := gazdata.Build(os.DirFS(src))
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := gazdata.Encode(&buf, d); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	count := map[uint8]int{}
	for _, p := range d.Places {
		count[p.Level]++
	}
	fmt.Printf("gazetteer: %d places (", len(d.Places))
	for l := gazdata.LevelCountry; l <= gazdata.LevelWard; l++ {
		fmt.Printf(" %s %d", gazdata.LevelNames[l], count[l])
	}
	fmt.Printf(" ), %d names, %d superseded codes, %d bytes\n", len(d.Names), len(d.Superseded), buf.Len())
	for _, n := range d.Notes {
		fmt.Println("  note:", n)
	}
	return nil
}
