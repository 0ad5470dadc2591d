package server

import (
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// web holds the pages and their static files.
//
//go:embed web
var web embed.FS

// staticFS is web/ as served under /static/.
var staticFS = func() http.FileSystem {
	sub, err := fs.Sub(web, "web")
	if err != nil {
		panic("server: " + err.Error())
	}
	return http.FS(sub)
}()

// pageRoutes registers the Dutch HTML pages and their static files.
func (s *Server) pageRoutes(r *gin.Engine) {
	r.GET("/", s.searchPage)
	r.GET("/zoeken", toSearchPage)
	r.GET("/verslagen", s.reportsPage)
	r.GET("/verslagen/:id", s.reportPage)
	r.GET("/sprekers", s.speakersPage)
	r.GET("/sprekers/:slug", s.speakerPage)
	r.GET("/themas", s.themesPage)
	r.GET("/themas/:slug", s.themePage)
	r.GET("/besluiten", s.decisionsPage)
	r.GET("/acties", s.actionsPage)
	r.GET("/besluiten.atom", s.decisionsFeed)
	r.GET("/over", s.aboutPage)
	r.GET("/feed.atom", s.feed)
	r.GET("/widget.js", s.widget)
	r.GET("/embed", s.embedPage)
	r.GET("/beheer", s.beheer)
	r.StaticFS("/static", staticFS)
}

// notFound answers an address that is no route: a Dutch page for a browser, the
// API's JSON error for everything else.
func (s *Server) notFound(c *gin.Context) {
	if !strings.HasPrefix(c.Request.URL.Path, "/api/") && strings.Contains(c.GetHeader("Accept"), "text/html") {
		s.errorPage(c, http.StatusNotFound, "Pagina niet gevonden", "Deze pagina bestaat niet. Ga naar zoeken, of kies een onderdeel in het menu.")
		return
	}
	writeError(c, http.StatusNotFound, "not_found", "deze pagina bestaat niet", "")
}

// toSearchPage sends /zoeken?… (the address people guess for searching) to the
// search page with the same parameters.
func toSearchPage(c *gin.Context) {
	target := "/"
	if c.Request.URL.RawQuery != "" {
		target += "?" + c.Request.URL.RawQuery
	}
	c.Redirect(http.StatusMovedPermanently, target)
}

// beheerPage is the management page; the theme vocabulary is filled in.
var beheerPage = template.Must(template.ParseFS(web, "web/beheer.html"))

// beheer serves the management page: it asks for the token once per browser session
// and then uploads, reviews, corrects and deletes reports through the API. A report's
// themes are chosen from the vocabulary (themes.yaml of the corpus).
func (s *Server) beheer(c *gin.Context) {
	var view struct{ Themes []string }
	if s.opts.Library != nil {
		names, err := s.opts.Library.ThemeNames()
		if err != nil {
			s.opts.Logger.Error("management page: theme vocabulary", "err", err)
		}
		view.Themes = names
	}
	pageHeaders(c, "'none'")
	c.Status(http.StatusOK)
	c.Header("Content-Type", "text/html; charset=utf-8")
	if err := beheerPage.Execute(c.Writer, view); err != nil {
		s.opts.Logger.Error("render page", "page", "beheer.html", "err", err)
	}
}

// pageHeaders sets the security headers of an HTML page: only its own scripts, styles
// and API calls; framed only by ancestors (a CSP source list, "'none'" for no one).
func pageHeaders(c *gin.Context, ancestors string) {
	c.Header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors "+ancestors+"; base-uri 'none'; form-action 'self'")
	c.Header("X-Content-Type-Options", "nosniff")
	c.Header("Referrer-Policy", "strict-origin-when-cross-origin")
}

// widget serves the embeddable search box (see web/widget.js), for any site to load.
func (s *Server) widget(c *gin.Context) {
	data, err := web.ReadFile("web/widget.js")
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("X-Content-Type-Options", "nosniff")
	c.Header("Cache-Control", "public, max-age=3600")
	c.Header("Cross-Origin-Resource-Policy", "cross-origin")
	c.Data(http.StatusOK, "text/javascript; charset=utf-8", data)
}
