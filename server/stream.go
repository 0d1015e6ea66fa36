package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"go.lsp.dev/jsonrpc2"
	"go.uber.org/zap"
)

// maxFrameSize bounds one message; larger frames are skipped with an error reply.
const maxFrameSize = 256 << 20

// stream is a jsonrpc2.Stream with LSP framing (Content-Length headers) that survives
// bad input. jsonrpc2's own stream returns an error for a frame whose body is not a
// valid JSON-RPC message, and the connection then closes; this one answers such a
// frame with a ParseError / InvalidRequest response (id null), logs it, and reads on.
// Only a broken header, after which no frame boundary can be found, ends the stream.
type stream struct {
	in     *bufio.Reader
	out    io.Writer
	closer io.Closer
	log    *zap.Logger

	writeMu sync.Mutex
}

func newStream(rwc io.ReadWriteCloser, log *zap.Logger) *stream {
	return &stream{in: bufio.NewReaderSize(rwc, 64<<10), out: rwc, closer: rwc, log: log}
}

// Read returns the next well-formed message.
func (s *stream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	for {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		body, n, err := s.readFrame()
		if err != nil {
			return nil, n, err
		}
		if body == nil {
			continue // a skipped frame
		}
		msg, err := jsonrpc2.DecodeMessage(body)
		if err == nil {
			return msg, n, nil
		}
		s.log.Warn("ignoring a malformed message", zap.Error(err), zap.Int("bytes", len(body)))
		if !json.Valid(body) {
			s.replyError(nil, jsonrpc2.ParseError, fmt.Sprintf("parse error: %v", err))
		} else if hasMethod(body) {
			s.replyError(rawID(body), jsonrpc2.InvalidRequest, fmt.Sprintf("invalid request: %v", err))
		}
		// A malformed response (no method) gets no reply: answering it could start an
		// endless exchange of errors with a peer that does the same.
	}
}

// readFrame reads one header block and its body. A nil body with a nil error means the
// frame was skipped (too large, or no length).
func (s *stream) readFrame() ([]byte, int64, error) {
	var total, length int64 = 0, -1
	for {
		line, err := s.in.ReadString('\n')
		total += int64(len(line))
		if err != nil {
			return nil, total, fmt.Errorf("read header: %w", err)
		}
		line = strings.TrimSpace(line)
		if line == "" {
			if length < 0 {
				if total <= 2 {
					continue // a stray blank line between frames
				}
				s.log.Warn("ignoring a frame without Content-Length")
				s.replyError(nil, jsonrpc2.ParseError, "missing Content-Length header")
				return nil, total, nil
			}
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, total, fmt.Errorf("invalid header line %q", line)
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			v, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
			if err != nil || v < 0 {
				return nil, total, fmt.Errorf("invalid Content-Length %q", value)
			}
			length = v
		}
	}
	if length > maxFrameSize {
		if _, err := s.in.Discard(int(length)); err != nil {
			return nil, total, fmt.Errorf("skip oversized frame: %w", err)
		}
		s.log.Warn("ignoring an oversized frame", zap.Int64("bytes", length))
		s.replyError(nil, jsonrpc2.InvalidRequest, fmt.Sprintf("message of %d bytes is larger than %d", length, maxFrameSize))
		return nil, total + length, nil
	}
	// Grow the buffer as the body arrives rather than trusting the header: a lying
	// Content-Length must not make the server allocate up to maxFrameSize at once.
	var buf bytes.Buffer
	buf.Grow(int(min(length, 1<<20)))
	if _, err := io.CopyN(&buf, s.in, length); err != nil {
		return nil, total, fmt.Errorf("read body: %w", err)
	}
	return buf.Bytes(), total + length, nil
}

// hasMethod reports whether a JSON object has a "method" member (it is a request).
func hasMethod(body []byte) bool {
	var probe struct {
		Method *json.RawMessage `json:"method"`
	}
	return json.Unmarshal(body, &probe) == nil && probe.Method != nil
}

// rawID extracts the "id" of a message that could not be decoded, so the error reply can
// name it; nil when there is none.
func rawID(body []byte) json.RawMessage {
	var probe struct {
		ID json.RawMessage `json:"id"`
	}
	if json.Unmarshal(body, &probe) != nil || len(probe.ID) == 0 {
		return nil
	}
	var num float64
	var str string
	if json.Unmarshal(probe.ID, &num) == nil || json.Unmarshal(probe.ID, &str) == nil {
		return probe.ID
	}
	return nil
}

func (s *stream) replyError(id json.RawMessage, code jsonrpc2.Code, message string) {
	if id == nil {
		id = json.RawMessage("null")
	}
	resp := struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      json.RawMessage `json:"id"`
		Error   jsonrpc2.Error  `json:"error"`
	}{"2.0", id, jsonrpc2.Error{Code: code, Message: message}}
	data, err := json.Marshal(resp)
	if err != nil {
		return
	}
	if err := s.writeRaw(data); err != nil {
		s.log.Warn("cannot write error reply", zap.Error(err))
	}
}

// Write writes one message.
func (s *stream) Write(ctx context.Context, msg jsonrpc2.Message) (int64, error) {
	data, err := json.Marshal(msg)
	if err != nil {
		return 0, fmt.Errorf("marshal message: %w", err)
	}
	return int64(len(data)), s.writeRaw(data)
}

func (s *stream) writeRaw(data []byte) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if _, err := fmt.Fprintf(s.out, "Content-Length: %d\r\n\r\n", len(data)); err != nil {
		return err
	}
	_, err := s.out.Write(data)
	return err
}

// Close closes the underlying connection.
func (s *stream) Close() error { return s.closer.Close() }
