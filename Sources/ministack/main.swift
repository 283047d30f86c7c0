print("ministack")
