;;; eglot-test.el --- drive pyward with eglot, configured by the README's recipe  -*- lexical-binding: t -*-
;; Run by run.sh: emacs --batch -l eglot-test.el, with PYWARD_RECIPE (the README's eglot block),
;; PYWARD_FIXTURE (editors/testdata/project) and `pyward' on PATH.
(require 'cl-lib)
(require 'python)
(require 'eglot)
(require 'flymake)

(defvar pyward-failed 0)
(defvar pyward-passed 0)
(defconst pyward-fixture (file-name-as-directory (getenv "PYWARD_FIXTURE")))
(defconst pyward-wait 20)

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
  ;; eglot-ensure connects from post-command-hook, which batch mode never runs by itself.
  (run-hooks 'post-command-hook)
  (unless (pyward-wait-until (lambda () (let ((s (eglot-current-server))) (and s (jsonrpc-running-p s)))))
    (error "no eglot server for %s" rel)))

(load (getenv "PYWARD_RECIPE") nil t)

(pyward-check "eglot starts pyward for app/broken.py (python-mode-hook + eglot-ensure)"
  (pyward-open "app/broken.py"))

(pyward-check "flymake shows syntax-error in app/broken.py"
  (with-current-buffer (get-file-buffer (expand-file-name "app/broken.py" pyward-fixture))
    (flymake-mode 1)
    (flymake-start)
    (unless (pyward-wait-until
             (lambda () (flymake-start) (accept-process-output nil 0.2)
               (cl-some (lambda (d) (string-match-p "syntax" (format "%s" (flymake-diagnostic-text d))))
                        (flymake-diagnostics))))
      (error "diagnostics: %S" (mapcar #'flymake-diagnostic-text (flymake-diagnostics))))))

(pyward-check "xref definition of `models' in `from . import models' is app/models.py"
  (pyward-open "app/main.py")
  (pyward-goto "from . import models" "models" 1)
  (let* ((id (xref-backend-identifier-at-point 'eglot))
         (defs (xref-backend-definitions 'eglot id))
         (file (and defs (xref-location-group (xref-item-location (car defs))))))
    (unless (and file (string-suffix-p "app/models.py" file))
      (error "definitions: %S" defs))))

(pyward-check "xref definition of `Model' in `from .models import Model' is the class line"
  (pyward-goto "from .models import Model" "Model" 2)
  (let* ((defs (xref-backend-definitions 'eglot (xref-backend-identifier-at-point 'eglot)))
         (loc (and defs (xref-item-location (car defs)))))
    (unless (and loc (string-suffix-p "app/models.py" (xref-location-group loc))
                 (= (xref-location-line loc)
                    (with-temp-buffer (insert-file-contents (expand-file-name "app/models.py" pyward-fixture))
                                      (search-forward "class Model") (line-number-at-pos))))
      (error "definitions: %S" defs))))

(pyward-check "hover on `__str__' explains str(x)"
  (pyward-open "app/models.py")
  (pyward-goto "def __str__" "__str__" 3)
  (let* ((reply (jsonrpc-request (eglot-current-server) :textDocument/hover (eglot--TextDocumentPositionParams)))
         (contents (plist-get reply :contents))
         (text (if (stringp contents) contents (format "%s" (or (plist-get contents :value) contents)))))
    (unless (and (string-match-p "__str__" text) (string-match-p (regexp-quote "str(") text))
      (error "hover: %S" reply))))

(pyward-check "the recipe's settings are what eglot answers for section pyward"
  (let ((answer (eglot--workspace-configuration-plist (eglot-current-server))))
    (unless (equal (plist-get (plist-get (plist-get answer :pyward) :rules) :missing-await) "error")
      (error "workspace configuration: %S" answer))))

(ignore-errors (eglot-shutdown (eglot-current-server)))
(pyward-say "emacs eglot: %d passed, %d failed" pyward-passed pyward-failed)
(kill-emacs (if (= pyward-failed 0) 0 1))
