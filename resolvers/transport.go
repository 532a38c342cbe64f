package resolvers

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/issgraph/issgraph/graph/generated"
)

// httpTransport is the GraphQL endpoint's one gqlgen transport: GraphQL
// over HTTP, with the rules every server using NewHandler gets, whatever
// middleware it puts around it.
//
//   - GET carries the query in the URL (query, operationName, and
//     variables and extensions as JSON objects); it runs queries only, a
//     mutation over GET is 405.
//   - POST carries a JSON object with the same members, with Content-Type
//     application/json. Other content types are 415: text/plain, form and
//     multipart bodies are what a browser sends cross-site without asking
//     (no CORS preflight), so refusing them guards against cross-site
//     request forgery.
//   - The body is read at most MaxBodyBytes: over it is 413, whether the
//     length was announced or the body is chunked.
//   - An empty body, a body that is not JSON, a JSON array (batching, not
//     supported), members of the wrong JSON type, parameters repeated or
//     not percent-encoded in a URL, other methods and websocket upgrades
//     are refused with 4xx and BAD_REQUEST, extensions.reason saying which.
//
// Every refusal is a GraphQL-shaped body ({"errors": [...]}) with its
// code, and echoes no client input: the logs and answers hold at most
// what clip keeps.
type httpTransport struct {
	maxBody int64
	log     *slog.Logger
}

var _ graphql.Transport = httpTransport{}

// allowedMethods is the Allow header of the endpoint.
const allowedMethods = "GET, POST, OPTIONS"

func (httpTransport) Supports(*http.Request) bool { return true }

// jsonContentType is the endpoint's Content-Type, set as the header's
// value without Header.Set's canonical key and new slice each time: a
// header's values are only read, and appending to this one (its capacity
// is its length) makes a new one.
var jsonContentType = []string{"application/json"}

func (t httpTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	w.Header()["Content-Type"] = jsonContentType
	if r.Header.Get("Upgrade") != "" {
		refuse(r.Context(), w, http.StatusBadRequest, CodeBadRequest, ReasonUpgrade,
			"this endpoint answers GraphQL over HTTP only: no websocket or other upgrade (the API has no subscriptions)")
		return
	}
	switch r.Method {
	case http.MethodGet:
		t.get(w, r, exec)
	case http.MethodPost:
		t.post(w, r, exec)
	case http.MethodOptions:
		w.Header().Set("Allow", allowedMethods)
		w.WriteHeader(http.StatusNoContent)
	default:
		w.Header().Set("Allow", allowedMethods)
		refuse(r.Context(), w, http.StatusMethodNotAllowed, CodeBadRequest, ReasonMethod, "use GET or POST")
	}
}

func (t httpTransport) get(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	start := graphql.Now()
	values, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		refuse(r.Context(), w, http.StatusBadRequest, CodeBadRequest, ReasonInvalidEncoding,
			"the URL's parameters are not valid percent-encoding")
		return
	}
	for _, name := range []string{"query", "operationName", "variables", "extensions"} {
		if len(values[name]) > 1 {
			refuse(r.Context(), w, http.StatusBadRequest, CodeBadRequest, ReasonInvalidParameters,
				fmt.Sprintf("the URL gives %s more than once", name))
			return
		}
	}
	p := &graphql.RawParams{Query: values.Get("query"), OperationName: values.Get("operationName"), Headers: r.Header}
	for name, into := range map[string]*map[string]any{"variables": &p.Variables, "extensions": &p.Extensions} {
		if v := values.Get(name); v != "" {
			if err := decodeObject(json.RawMessage(v), into); err != nil {
				refuse(r.Context(), w, http.StatusBadRequest, CodeBadRequest, ReasonInvalidParameters,
					fmt.Sprintf("the URL parameter %s must be a JSON object", name))
				return
			}
		}
	}
	p.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}
	t.run(w, r.Context(), exec, p, true)
}

func (t httpTransport) post(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	start := graphql.Now()
	if r.ContentLength > t.maxBody {
		t.tooLarge(r.Context(), w)
		return
	}
	if !isJSON(r.Header.Get("Content-Type")) {
		refuse(r.Context(), w, http.StatusUnsupportedMediaType, CodeBadRequest, ReasonMediaType,
			"POST needs Content-Type: application/json; text/plain, form and multipart bodies are refused, as protection against cross-site request forgery")
		return
	}
	body, err := readBody(w, r, t.maxBody)
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		t.tooLarge(r.Context(), w)
		return
	case err != nil:
		refuse(r.Context(), w, http.StatusBadRequest, CodeBadRequest, ReasonUnreadableBody, "the body could not be read to its end")
		return
	}
	p, gerr := decodeBody(body)
	if gerr != nil {
		refuseWith(r.Context(), w, http.StatusBadRequest, gerr)
		return
	}
	p.Headers = r.Header
	p.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}
	t.run(w, r.Context(), exec, p, false)
}

// isJSON reports whether a Content-Type is application/json, in UTF-8.
func isJSON(ct string) bool {
	if ct == "application/json" {
		return true
	}
	mt, params, err := mime.ParseMediaType(ct)
	return err == nil && mt == "application/json" && (params["charset"] == "" || strings.EqualFold(params["charset"], "utf-8"))
}

// readBody reads the body, at most max bytes (*http.MaxBytesError past
// it). A body of announced length, within max as post has checked, is
// read into one buffer of its size. (A length of 0 may mean "unknown" in
// a request not made by net/http's server, as in tests.)
func readBody(w http.ResponseWriter, r *http.Request, max int64) ([]byte, error) {
	if n := r.ContentLength; n > 0 && n <= max {
		b := make([]byte, n)
		_, err := io.ReadFull(r.Body, b)
		return b, err
	}
	return io.ReadAll(http.MaxBytesReader(w, r.Body, max))
}

func (t httpTransport) tooLarge(ctx context.Context, w http.ResponseWriter) {
	refuse(ctx, w, http.StatusRequestEntityTooLarge, CodePayloadTooLarge, "",
		fmt.Sprintf("the request body is larger than %d bytes", t.maxBody))
}

// decodeBody reads a POST body: one JSON object whose query and
// operationName are strings and whose variables and extensions are
// objects, each optional (null is absent). Other members are ignored.
func decodeBody(body []byte) (*graphql.RawParams, *gqlerror.Error) {
	if p, ok := scanBody(body); ok {
		return p, nil
	}
	return decodeBodyJSON(body)
}

// decodeBodyJSON is decodeBody with encoding/json, for every body.
func decodeBodyJSON(body []byte) (*graphql.RawParams, *gqlerror.Error) {
	bad := func(reason, msg string) (*graphql.RawParams, *gqlerror.Error) {
		return nil, codedError(CodeBadRequest, reason, msg)
	}
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	switch {
	case len(trimmed) == 0:
		return bad(ReasonEmptyBody, `the body is empty; send a JSON object such as {"query": "{ stats { nodes } }"}`)
	case trimmed[0] == '[':
		return bad(ReasonBatch, "batched requests (a JSON array) are not supported; send one request per POST")
	}
	if trimmed[0] != '{' {
		return bad(ReasonInvalidParameters, "the body must be a JSON object")
	}
	// One pass of the decoder: the body may be a megabyte.
	var in struct {
		Query         *string        `json:"query"`
		OperationName *string        `json:"operationName"`
		Variables     map[string]any `json:"variables"`
		Extensions    map[string]any `json:"extensions"`
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	err := dec.Decode(&in)
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typ):
		want := "a string"
		if typ.Field == "variables" || typ.Field == "extensions" {
			want = "a JSON object"
		}
		return bad(ReasonInvalidParameters, clip(typ.Field)+" must be "+want)
	case err != nil:
		return bad(ReasonInvalidJSON, "the body is not valid JSON: "+clip(err.Error()))
	}
	if _, err := dec.Token(); err != io.EOF {
		return bad(ReasonInvalidJSON, "the body is not valid JSON: data after the object")
	}
	p := &graphql.RawParams{Variables: in.Variables, Extensions: in.Extensions}
	if in.Query != nil {
		p.Query = *in.Query
	}
	if in.OperationName != nil {
		p.OperationName = *in.OperationName
	}
	return p, nil
}

// decodeObject decodes a JSON object, with numbers as json.Number as
// gqlgen's coercion expects, and nothing after it.
func decodeObject(raw json.RawMessage, into *map[string]any) error {
	if t := bytes.TrimLeft(raw, " \t\r\n"); len(t) == 0 || t[0] != '{' {
		return errors.New("not an object")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(into); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("data after the object")
	}
	return nil
}

// run executes a decoded request and writes its answer.
func (t httpTransport) run(w http.ResponseWriter, ctx context.Context, exec graphql.GraphExecutor, p *graphql.RawParams, overGET bool) {
	oc, errs := exec.CreateOperationContext(ctx, p)
	if errs != nil {
		resp := exec.DispatchError(graphql.WithOperationContext(ctx, oc), errs)
		writeResponse(w, statusOf(errs), resp, t.log)
		return
	}
	if overGET && oc.Operation.Operation != ast.Query {
		w.Header().Set("Allow", http.MethodPost)
		refuse(ctx, w, http.StatusMethodNotAllowed, CodeBadRequest, ReasonMutationOverGET,
			fmt.Sprintf("a %s must be sent with POST", oc.Operation.Operation))
		return
	}
	if doc := docOf(ctx, oc.Doc); doc != nil && doc.fields != nil {
		ctx = generated.WithFieldCache(ctx, doc.fields)
	}
	responses, ctx := exec.DispatchOperation(ctx, oc)
	writeResponse(w, http.StatusOK, responses(ctx), t.log)
}

// statusOf is the status of a request refused before it ran: 400 for a
// malformed request, 422 for a document that does not parse, validate or
// fit the limits (as gqlgen answers), 200 otherwise (a persisted query to
// send again, by Apollo's protocol).
func statusOf(errs gqlerror.List) int {
	for _, e := range errs {
		if e.Extensions["code"] == CodeBadRequest {
			return http.StatusBadRequest
		}
	}
	if errcode.GetErrorKind(errs) == errcode.KindProtocol {
		return http.StatusUnprocessableEntity
	}
	return http.StatusOK
}

// refuse writes a GraphQL-shaped error, with the request's id, and notes
// its code for the access log and the metrics.
func refuse(ctx context.Context, w http.ResponseWriter, status int, code, reason, msg string) {
	refuseWith(ctx, w, status, codedError(code, reason, msg))
}

func refuseWith(ctx context.Context, w http.ResponseWriter, status int, gerr *gqlerror.Error) {
	noteError(ctx, gerr)
	writeResponse(w, status, &graphql.Response{Errors: gqlerror.List{gerr}}, nil)
}

func writeResponse(w http.ResponseWriter, status int, resp *graphql.Response, log *slog.Logger) {
	a, err := encodeResponse(resp)
	if err != nil {
		// gqlgen's answers are JSON by construction; this is a bug.
		if log != nil {
			log.Error("internal error", "err", clip(err.Error()))
		}
		status = http.StatusInternalServerError
		b, _ := json.Marshal(&graphql.Response{Errors: gqlerror.List{codedError(CodeInternal, "", "internal error")}})
		a = answer{b}
	}
	h := w.Header()
	h["Content-Type"] = jsonContentType
	// Announced, so that net/http need not chunk an answer longer than
	// its first buffer.
	h["Content-Length"] = []string{strconv.Itoa(a.len())}
	w.WriteHeader(status)
	for _, b := range a {
		if _, err := w.Write(b); err != nil {
			return // the client has gone
		}
	}
}

// answer is an encoded answer in three parts, written one after the
// other: what comes before the data, the data, what comes after.
type answer [3][]byte

func (a answer) len() int { return len(a[0]) + len(a[1]) + len(a[2]) }

// bytes is the whole answer in one slice.
func (a answer) bytes() []byte { return slices.Concat(a[:]...) }

// The parts every answer shares, never written to.
var (
	dataHead = []byte(`{"data":`)
	null     = []byte("null")
	closing  = []byte("}")
)

// encodeResponse writes resp as json.Marshal would, but leaves the data
// gqlgen has already written as JSON as it is: json.Marshal would scan and
// compact it again, a twentieth of a small query's CPU, and a copy would
// cost as much again as the data's size. Only the errors and extensions,
// small, go through json.Marshal. (json.Marshal also escapes <, > and & in
// the data; a JSON client reads both forms alike.)
func encodeResponse(resp *graphql.Response) (answer, error) {
	if resp.Label != "" || resp.Path != nil || resp.HasNext != nil {
		b, err := json.Marshal(resp) // incremental delivery, which issgraph does not use
		return answer{b}, err
	}
	head := dataHead
	if len(resp.Errors) > 0 {
		errs, err := json.Marshal(resp.Errors)
		if err != nil {
			return answer{}, err
		}
		head = slices.Concat([]byte(`{"errors":`), errs, []byte(`,"data":`))
	}
	data := []byte(resp.Data)
	if len(data) == 0 {
		data = null
	}
	tail := closing
	if len(resp.Extensions) > 0 {
		ext, err := json.Marshal(resp.Extensions)
		if err != nil {
			return answer{}, err
		}
		tail = slices.Concat([]byte(`,"extensions":`), ext, tail)
	}
	return answer{head, data, tail}, nil
}

// maxLogged is the most bytes of client-controlled text a log line or a
// refusal carries.
const maxLogged = 512

// clip shortens s to maxLogged bytes, on a rune boundary, saying how long
// it was.
func clip(s string) string {
	if len(s) <= maxLogged {
		return s
	}
	cut := maxLogged
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… (%d bytes)", s[:cut], len(s))
}
