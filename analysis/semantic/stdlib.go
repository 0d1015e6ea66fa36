package semantic

import "strings"

// asyncioSubmodules are asyncio's modules whose public names asyncio re-exports.
var asyncioSubmodules = map[string]bool{
	"base_events": true, "coroutines": true, "events": true, "exceptions": true, "futures": true,
	"locks": true, "protocols": true, "queues": true, "runners": true, "streams": true,
	"subprocess": true, "taskgroups": true, "tasks": true, "threads": true, "timeouts": true,
	"transports": true,
}

// foldAsyncio turns asyncio.tasks.sleep into asyncio.sleep.
func foldAsyncio(q string) string {
	parts := strings.Split(q, ".")
	if len(parts) >= 3 && parts[0] == "asyncio" && asyncioSubmodules[parts[1]] {
		return "asyncio." + strings.Join(parts[2:], ".")
	}
	return q
}

// stdlibCoroutineFunctions are well-known standard-library coroutine functions, and
// coroutine methods of well-known classes (Class.method), by qualified name.
var stdlibCoroutineFunctions = map[string]bool{
	"asyncio.sleep":                   true,
	"asyncio.wait_for":                true,
	"asyncio.wait":                    true,
	"asyncio.open_connection":         true,
	"asyncio.start_server":            true,
	"asyncio.open_unix_connection":    true,
	"asyncio.start_unix_server":       true,
	"asyncio.create_subprocess_exec":  true,
	"asyncio.create_subprocess_shell": true,
	"asyncio.to_thread":               true,
}

// stdlibCoroutineMethods are coroutine methods of well-known classes, on instances.
var stdlibCoroutineMethods = map[string]bool{}

// stdlibClasses are the well-known classes of the tables: an annotation naming one
// states an instance of it (`writer: asyncio.StreamWriter`).
var stdlibClasses = map[string]bool{}

// loopClass names asyncio's event loop in the instance tables.
const loopClass = "asyncio.AbstractEventLoop"

func init() {
	methods := map[string][]string{
		"asyncio.Queue":            {"get", "put", "join"},
		"asyncio.PriorityQueue":    {"get", "put", "join"},
		"asyncio.LifoQueue":        {"get", "put", "join"},
		"asyncio.Lock":             {"acquire"},
		"asyncio.Event":            {"wait"},
		"asyncio.Condition":        {"wait", "wait_for", "acquire"},
		"asyncio.Semaphore":        {"acquire"},
		"asyncio.BoundedSemaphore": {"acquire"},
		"asyncio.Barrier":          {"wait", "reset", "abort"},
		"asyncio.StreamReader":     {"read", "readline", "readexactly", "readuntil"},
		"asyncio.StreamWriter":     {"drain", "wait_closed", "start_tls"},
		"asyncio.Process":          {"wait", "communicate"},
		loopClass: {"sock_recv", "sock_recv_into", "sock_recvfrom", "sock_recvfrom_into", "sock_sendall",
			"sock_sendto", "sock_connect", "sock_accept", "sock_sendfile", "create_connection",
			"create_server", "create_unix_connection", "create_unix_server", "create_datagram_endpoint",
			"getaddrinfo", "getnameinfo", "connect_read_pipe", "connect_write_pipe", "subprocess_exec",
			"subprocess_shell", "shutdown_asyncgens", "shutdown_default_executor", "sendfile",
			"start_tls", "connect_accepted_socket"},
	}
	for _, cls := range stdlibInstanceOf {
		stdlibClasses[cls] = true
	}
	for cls, ms := range methods {
		stdlibClasses[cls] = true
		for _, m := range ms {
			stdlibCoroutineMethods[cls+"."+m] = true
			// Class.method(instance) through the class is the same coroutine function
			stdlibCoroutineFunctions[cls+"."+m] = true
		}
	}
}

// stdlibInstanceOf maps a well-known constructor or factory to the class of what
// calling it returns.
var stdlibInstanceOf = map[string]string{
	"asyncio.Queue":            "asyncio.Queue",
	"asyncio.PriorityQueue":    "asyncio.PriorityQueue",
	"asyncio.LifoQueue":        "asyncio.LifoQueue",
	"asyncio.Lock":             "asyncio.Lock",
	"asyncio.Event":            "asyncio.Event",
	"asyncio.Condition":        "asyncio.Condition",
	"asyncio.Semaphore":        "asyncio.Semaphore",
	"asyncio.BoundedSemaphore": "asyncio.BoundedSemaphore",
	"asyncio.Barrier":          "asyncio.Barrier",
	"asyncio.StreamReader":     "asyncio.StreamReader",
	"asyncio.get_event_loop":   loopClass,
	"asyncio.get_running_loop": loopClass,
	"asyncio.new_event_loop":   loopClass,
}

// stdlibAwaitedInstanceOf maps a well-known coroutine function to the class of what
// awaiting its coroutine gives.
var stdlibAwaitedInstanceOf = map[string]string{
	"asyncio.create_subprocess_exec":  "asyncio.Process",
	"asyncio.create_subprocess_shell": "asyncio.Process",
}

// streamPairFunctions give a (StreamReader, StreamWriter) pair when awaited.
var streamPairFunctions = map[string]bool{
	"asyncio.open_connection":      true,
	"asyncio.open_unix_connection": true,
}
