from shop.models import fetch_price

print "legacy checkout"
price = await fetch_price("book")
