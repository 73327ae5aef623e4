package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
)

// The vendored libraries (see assets/vendor/README.md for versions, sources
// and licences), the basemap and the dashboard's own CSS and scripts. The
// generator under assets/gen is not served.
//
//go:embed assets/*.css assets/*.js assets/vendor
var assetFS embed.FS

// asset is one embedded file, ready to serve: its bytes, a gzip copy when
// that is smaller, and a content hash for its URL.
type asset struct {
	name  string
	body  []byte
	gz    []byte
	hash  string
	ctype string
}

type assetSet struct {
	byName map[string]*asset
}

// loadAssets reads and compresses every asset once, at start-up: pages then
// name them by content hash, so browsers may keep them for a year.
func loadAssets() (*assetSet, error) {
	set := &assetSet{byName: map[string]*asset{}}
	err := fs.WalkDir(assetFS, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := assetFS.ReadFile(p)
		if err != nil {
			return err
		}
		return set.add(strings.TrimPrefix(p, "assets/"), body)
	})
	if err != nil {
		return nil, fmt.Errorf("web: assets: %w", err)
	}
	return set, nil
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".json":
		return "application/json"
	case ".geojson":
		return "application/geo+json"
	case ".txt", "":
		return "text/plain; charset=utf-8"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// add serves bytes as an asset under a content-hashed URL, gzipped when
// that is smaller (the embedded files, and the gazetteer's place points).
func (set *assetSet) add(name string, body []byte) error {
	sum := sha256.Sum256(body)
	a := &asset{name: name, body: body, hash: hex.EncodeToString(sum[:])[:12], ctype: contentType(name)}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(body)
	if err := zw.Close(); err != nil {
		return err
	}
	if buf.Len() < len(body) {
		a.gz = buf.Bytes()
	}
	set.byName[name] = a
	return nil
}

// url returns the content-hashed URL of an asset; it panics on an unknown
// name, which the template tests catch.
func (set *assetSet) url(name string) string {
	a, ok := set.byName[name]
	if !ok {
		panic("web: no asset " + name)
	}
	return "/assets/" + a.hash + "/" + name
}

// serveAsset serves an embedded file. A current hash is cached for a year
// (the URL changes with the content); an old one is served without caching,
// so a page from before an upgrade still works.
func (s *Server) serveAsset(w http.ResponseWriter, r *http.Request) {
	a, ok := s.assets.byName[r.PathValue("path")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.ctype)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Vary", "Accept-Encoding")
	h.Set("ETag", `"`+a.hash+`"`)
	if r.PathValue("hash") == a.hash {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, `"`+a.hash+`"`) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := a.body
	if a.gz != nil && acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		body = a.gz
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}

// acceptsGzip reports whether the client takes gzip (and has not refused it
// with q=0).
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") || name == "*" {
			q := strings.ReplaceAll(params, " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}
