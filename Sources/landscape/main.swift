print("landscape")
