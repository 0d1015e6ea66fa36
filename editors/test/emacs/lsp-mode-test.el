;;; lsp-mode-test.el --- drive pyward with lsp-mode, configured by the README's recipe  -*- lexical-binding: t -*-
;; Run by run.sh: emacs --batch -l lsp-mode-test.el, with PYWARD_RECIPE (the README's lsp-mode block),
;; PYWARD_FIXTURE (editors/testdata/project) and `pyward' on PATH.
(require 'cl-lib)
(require 'python)
(require 'lsp-mode)

(defvar pyward-failed 0)
(defvar pyward-passed 0)
(defconst pyward-fixture (file-name-as-directory (getenv "PYWARD_FIXTURE")))
(defconst pyward-wait 20)

;; What a batch run cannot answer: no prompt for the project root, no file watchers, no other servers.
(setq lsp-auto-guess-root t
      lsp-auto-configure nil ; no modeline, headerline, lens or completion setup in batch
      lsp-enable-file-watchers nil
      lsp-restart 'ignore
      lsp-keep-workspace-alive nil
      lsp-enabled-clients '(pyward)
      lsp-session-file (make-temp-file "pyward-lsp-session"))

(defun pyward-say (fmt &rest args) (princ (concat (apply #'format fmt args) "\n")))

(defmacro pyward-check (name &rest body)
  `(condition-case err
       (progn ,@body (setq pyward-passed (1+ pyward-passed)) (pyward-say "PASS %s" ,name))
     (error (setq pyward-failed (1+ pyward-failed)) (pyward-say "FAIL %s: %s" ,name (error-message-string err)))))

(defun pyward-wait-until (pred)
  (let ((deadline (+ (float-time) pyward-wait)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    (funcall pred)))

(defun pyward-goto (needle word offset)
  (setq case-fold-search nil)
  (goto-char (point-min))
  (search-forward needle)
  (beginning-of-line)
  (search-forward word)
  (goto-char (+ (match-beginning 0) offset)))

(defun pyward-open (rel)
  (find-file (expand-file-name rel pyward-fixture))
  ;; python-mode-hook ran lsp-deferred, which waits for an idle timer that batch mode never fires.
  (unless (bound-and-true-p lsp-mode) (lsp))
  (unless (pyward-wait-until
           (lambda () (cl-some (lambda (w) (eq (lsp--workspace-status w) 'initialized)) (lsp-workspaces))))
    (error "no initialized pyward workspace for %s" rel)))

(defun pyward-request (method)
  (lsp-request method (lsp--text-document-position-params)))

(defun pyward-location-file-line (loc)
  "File and 0-based line of a Location or LocationLink (as lsp-mode's hash tables)."
  (let ((uri (or (gethash "targetUri" loc) (gethash "uri" loc)))
        (range (or (gethash "targetSelectionRange" loc) (gethash "range" loc))))
    (list (lsp--uri-to-path uri) (gethash "line" (gethash "start" range)))))

(defun pyward-first-location (result)
  (cond ((null result) nil)
        ((hash-table-p result) result)
        ((vectorp result) (and (> (length result) 0) (aref result 0)))
        ((listp result) (car result))))

(let ((lsp-use-plists nil))
  (load (getenv "PYWARD_RECIPE") nil t)

  (pyward-check "lsp-mode starts pyward for app/broken.py"
    (pyward-open "app/broken.py"))

  (pyward-check "lsp-mode receives syntax-error for app/broken.py"
    (let ((file (expand-file-name "app/broken.py" pyward-fixture)))
      (unless (pyward-wait-until
               (lambda ()
                 (cl-some (lambda (d) (equal (gethash "code" d) "syntax-error"))
                          (gethash (lsp--fix-path-casing file) (lsp-diagnostics t)))))
        (error "diagnostics: %S" (gethash file (lsp-diagnostics t))))))

  (pyward-check "definition of `models' in `from . import models' is app/models.py"
    (pyward-open "app/main.py")
    (pyward-goto "from . import models" "models" 1)
    (let* ((loc (pyward-first-location (pyward-request "textDocument/definition"))))
      (unless (and loc (string-suffix-p "app/models.py" (car (pyward-location-file-line loc))))
        (error "definition: %S" loc))))

  (pyward-check "definition of `Model' in `from .models import Model' is the class line"
    (pyward-goto "from .models import Model" "Model" 2)
    (let* ((loc (pyward-first-location (pyward-request "textDocument/definition")))
           (fl (and loc (pyward-location-file-line loc)))
           (want (with-temp-buffer (insert-file-contents (expand-file-name "app/models.py" pyward-fixture))
                                   (search-forward "class Model") (1- (line-number-at-pos)))))
      (unless (and fl (string-suffix-p "app/models.py" (car fl)) (= (cadr fl) want))
        (error "definition: %S, want line %d" fl want))))

  (pyward-check "hover on `__str__' explains str(x)"
    (pyward-open "app/models.py")
    (pyward-goto "def __str__" "__str__" 3)
    (let* ((reply (pyward-request "textDocument/hover"))
           (contents (and reply (gethash "contents" reply)))
           (text (cond ((stringp contents) contents)
                       ((hash-table-p contents) (gethash "value" contents))
                       (t (format "%S" contents)))))
      (unless (and text (string-match-p "__str__" text) (string-match-p (regexp-quote "str(") text))
        (error "hover: %S" text))))

  (pyward-check "the recipe's settings are what lsp-mode answers for section pyward"
    (let ((section (lsp-configuration-section "pyward")))
      (unless (equal (gethash "missing-await" (gethash "rules" (gethash "pyward" section))) "error")
        (error "configuration: %S" section))))

  (ignore-errors (lsp-workspace-shutdown (car (lsp-workspaces)))))

(pyward-say "emacs lsp-mode: %d passed, %d failed" pyward-passed pyward-failed)
(kill-emacs (if (= pyward-failed 0) 0 1))
