_hidden = 1
visible = 2
