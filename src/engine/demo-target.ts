console.log('demo stub')
